package io.hongyan.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the real server binaries the tests run against, or says exactly what to install. */
final class Binaries {
    private static final List<String> EXTRA_DIRECTORIES = List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin");

    private Binaries() {
    }

    static String require(String binary, String debianPackage) {
        String override = System.getenv(binary.toUpperCase().replace('-', '_') + "_BIN");
        if (override != null && !override.isBlank()) {
            return override;
        }
        return find(binary).map(Path::toString).orElseThrow(() -> new IllegalStateException(
                binary + " not found on PATH or in " + EXTRA_DIRECTORIES
                        + ". Install it (Debian/Ubuntu: sudo apt-get install " + debianPackage
                        + ") or point " + binary.toUpperCase().replace('-', '_') + "_BIN at it."));
    }

    private static Optional<Path> find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(java.io.File.pathSeparator)), EXTRA_DIRECTORIES.stream())
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, binary))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
