package io.hongyan.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real redis-server on a free port, in memory only, in its own scratch directory. */
public final class RedisServer extends ExternalProcess {

    private RedisServer(int port, Path directory) {
        super("redis", List.of(Binaries.require("redis-server", "redis-server"),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", directory.toString()), port, directory);
        awaitListening(Duration.ofSeconds(20));
    }

    public static RedisServer start() {
        return new RedisServer(FreePorts.next(), scratchDirectory("redis"));
    }

    public String uri() {
        return "redis://127.0.0.1:" + port();
    }

    /** Empties every database, so each test starts from nothing. */
    public void flushAll() {
        command("FLUSHALL");
    }

    /** Sends one inline command and returns the first reply line; enough for test plumbing. */
    public String command(String inlineCommand) {
        try (Socket socket = new Socket("127.0.0.1", port())) {
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("redis " + inlineCommand, e);
        }
    }
}
