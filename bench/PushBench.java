import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end push benchmark against a running suite (bin/dev): POSTs N template messages to
 * ingress with C requests in flight, then waits until the WeChat simulator has delivered them.
 * Prints one RESULT line. JDK only, run as a single-file program:
 *
 *   java bench/PushBench.java [messages=10000] [concurrency=64]
 *
 * Environment: INGRESS (http://127.0.0.1:8080), SIMULATOR (http://127.0.0.1:9099),
 * APP (wx0000000000000001), API_KEY (dev-api-key).
 */
public class PushBench {
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        String ingress = env("INGRESS", "http://127.0.0.1:8080");
        String simulator = env("SIMULATOR", "http://127.0.0.1:9099");
        String app = env("APP", "wx0000000000000001");
        String apiKey = env("API_KEY", "dev-api-key");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        long deliveredBefore = sendsOk(http, simulator);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Semaphore inFlight = new Semaphore(concurrency);
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        long[] latenciesNanos = new long[messages];
        long start = System.nanoTime();
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < messages; i++) {
                inFlight.acquire();
                int n = i;
                executor.submit(() -> {
                    try {
                        String body = "{\"recipient\":\"bench-" + run + "-" + (n % 1000) + "\",\"template\":{\"templateId\":\"T1\","
                                + "\"data\":{\"seq\":{\"value\":\"" + n + "\"}}},\"idempotencyKey\":\"" + run + "-" + n + "\"}";
                        HttpRequest request = HttpRequest.newBuilder(URI.create(ingress + "/v1/apps/" + app + "/messages"))
                                .header("Authorization", "Bearer " + apiKey)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long t0 = System.nanoTime();
                        int status;
                        try {
                            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            status = -1;
                        }
                        latenciesNanos[n] = System.nanoTime() - t0;
                        statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        int accepted = statuses.getOrDefault(202, new AtomicInteger()).get();

        long delivered = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            delivered = sendsOk(http, simulator) - deliveredBefore;
            if (delivered >= accepted) {
                break;
            }
            Thread.sleep(50);
        }
        double totalSeconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(latenciesNanos);
        System.out.printf("RESULT scenario=push-e2e server=hongyan messages=%d concurrency=%d statuses=%s accept_s=%.2f accepted_per_s=%.0f "
                        + "p50_ms=%.2f p99_ms=%.2f max_ms=%.2f delivered=%d total_s=%.2f delivered_per_s=%.0f%n",
                messages, concurrency, new TreeMap<>(statuses), acceptSeconds, accepted / acceptSeconds,
                latenciesNanos[messages / 2] / 1e6, latenciesNanos[(int) (messages * 0.99)] / 1e6, latenciesNanos[messages - 1] / 1e6,
                delivered, totalSeconds, delivered / totalSeconds);
    }

    private static long sendsOk(HttpClient http, String simulator) throws Exception {
        String stats = http.send(HttpRequest.newBuilder(URI.create(simulator + "/_sim/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("\"sends_ok_total\"\\s*:\\s*(\\d+)").matcher(stats);
        if (!matcher.find()) {
            throw new IllegalStateException("no sends_ok_total in simulator stats: " + stats);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
