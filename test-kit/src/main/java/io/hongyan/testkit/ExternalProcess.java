package io.hongyan.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A server process a test started: its port, its scratch directory and its log.
 * Closing it kills the process (and its children) and deletes the directory, so a test
 * leaves nothing running behind it; a JVM shutdown hook does the same if a test forgets.
 */
public class ExternalProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Path directory;
    private final Path log;
    private final Thread shutdownHook;

    protected ExternalProcess(String name, List<String> command, int port, Path directory) {
        this.name = name;
        this.port = port;
        this.directory = directory;
        this.log = directory.resolve(name + ".log");
        try {
            this.process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            deleteQuietly(directory);
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + ")", e);
        }
        this.shutdownHook = new Thread(this::destroy, name + "-stopper");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Blocks until the port accepts connections, or fails with the process's log. */
    protected void awaitListening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(25));
            }
        }
        destroy();
        throw new IllegalStateException(name + " did not listen on port " + port + " within " + timeout + ":\n" + logTail());
    }

    /** The end of the process's output, for failure messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; nothing left to undo
        }
    }

    private void destroy() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        deleteQuietly(directory);
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static Path scratchDirectory(String name) {
        try {
            return Files.createTempDirectory("hongyan-" + name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory is harmless; a failing cleanup must not fail the test
        }
    }
}
