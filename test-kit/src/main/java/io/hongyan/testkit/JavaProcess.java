package io.hongyan.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Java main class run in a child JVM on the test's own class path, so a test can kill a
 * service abruptly (kill -9) and prove that nothing it had acknowledged is lost.
 * Configuration goes in as system properties, which every Hongyan service reads.
 */
public final class JavaProcess extends ExternalProcess {

    private JavaProcess(String name, List<String> command, int port, Path directory) {
        super(name, command, port, directory);
    }

    /**
     * Starts {@code mainClass} and waits until {@code port} listens.
     *
     * @param properties system properties for the child (for example {@code server.port})
     */
    public static JavaProcess start(String name, String mainClass, int port, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        JavaProcess process = new JavaProcess(name, command, port, scratchDirectory(name));
        process.awaitListening(Duration.ofSeconds(60));
        return process;
    }

    /** Kills the JVM at once, as a crash or OOM kill would: no shutdown hooks, no acks. */
    public void kill() {
        ProcessHandle.of(pid()).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(pid()).ifPresent(handle -> handle.onExit().join());
    }
}
