package org.arturo.tf.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.tensorflow.TensorFlow;

/**
 * The native arTuRO op (docs/native-kernel.md): loaded on first use from this jar, and only where it
 * is known good: Linux on x86-64, TensorFlow 1.15.0, and the very framework library it was built
 * against (its SHA-256, recorded at build time, against the one this process loaded). Anything else,
 * or any failure while loading, leaves it unavailable with the reason, said once; it never takes the
 * JVM down, and the graph kernel needs none of it.
 */
public final class NativeKernel {
    /** The op's name in the graph. */
    public static final String OP = "ArturoExactStep";

    private static final String RESOURCE = "/org/arturo/tf/native/linux-x86_64/libarturo_tf115.so";
    private static final String FRAMEWORK_SHA = "/org/arturo/tf/native/linux-x86_64/libarturo_tf115.framework-sha256";
    private static final String FRAMEWORK = "libtensorflow_framework.so.1";
    private static final Logger LOG = Logger.getLogger(NativeKernel.class.getName());

    /** Whether the op is loaded, and if not, why. */
    public record Availability(boolean loaded, String reason) {
    }

    private static Availability availability;

    private NativeKernel() {
    }

    /** Loads the op once; later calls return the first answer. */
    public static synchronized Availability load() {
        if (availability == null) {
            availability = tryLoad();
            if (!availability.loaded()) {
                LOG.info("arturo: the native arTuRO kernel is unavailable (" + availability.reason() + "); the graph kernel runs");
            }
        }
        return availability;
    }

    /** Whether this jar carries the op at all (false when it was built without g++). */
    public static boolean shipped() {
        return NativeKernel.class.getResource(RESOURCE) != null;
    }

    private static Availability tryLoad() {
        try {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            String arch = System.getProperty("os.arch", "");
            if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
                return new Availability(false, "built for linux-x86_64 only, this is " + os + "-" + arch);
            }
            if (!shipped()) {
                return new Availability(false, "not in this jar (it was built without g++)");
            }
            String version = TensorFlow.version();  // also loads TensorFlow's own native libraries
            if (!version.equals("1.15.0")) {
                return new Availability(false, "built for TensorFlow 1.15.0, this is " + version);
            }
            Path framework = loadedFramework();
            if (framework == null) {
                return new Availability(false, "cannot find the loaded " + FRAMEWORK + " in /proc/self/maps");
            }
            String expected = resourceText(FRAMEWORK_SHA).trim();
            String actual = sha256(framework);
            if (!expected.equals(actual)) {
                return new Availability(false, FRAMEWORK + " at " + framework + " has SHA-256 " + actual
                        + ", the op was built against " + expected);
            }
            Path library = Files.createTempFile("libarturo_tf115", ".so");
            try {
                try (InputStream in = NativeKernel.class.getResourceAsStream(RESOURCE)) {
                    Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
                }
                TensorFlow.loadLibrary(library.toString());
            } finally {
                // A loaded library stays mapped without its file. Deleting it now, not at exit, leaves
                // nothing in the temporary directory when the JVM is killed.
                Files.deleteIfExists(library);
            }
            return new Availability(true, "loaded, built against " + FRAMEWORK + " " + expected.substring(0, 12));
        } catch (Throwable t) {
            // A failed load must never end the process: say why and fall back to the graph.
            return new Availability(false, "loading failed: " + t);
        }
    }

    private static Path loadedFramework() throws IOException {
        List<String> maps = Files.readAllLines(Path.of("/proc/self/maps"), StandardCharsets.UTF_8);
        for (String line : maps) {
            int at = line.indexOf('/');
            if (at >= 0 && line.endsWith("/" + FRAMEWORK)) {
                return Path.of(line.substring(at));
            }
        }
        return null;
    }

    private static String resourceText(String resource) throws IOException {
        try (InputStream in = NativeKernel.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException(resource + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
