package org.arturo.tf;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java quick start is the source of truth: its whole {@code java} block is compiled as it
 * stands against this module's test class path and run; it must train (the printed loss falls at least
 * 10×) and print the optimizer's diagnostics.
 */
class ReadmeQuickStartTest {
    private static final String SECTION = "## Java quick start";

    @TempDir
    Path temp;

    @Test
    void theReadmeProgramCompilesRunsAndTrains() throws Exception {
        String source = javaBlock(Files.readString(Paths.get("..", "README.md"), UTF_8));
        assertEquals(-1, source.indexOf('\t'), "the README's code is indented with spaces");
        Matcher declaration = Pattern.compile("(?m)^public\\s+(?:final\\s+)?class\\s+(\\w+)").matcher(source);
        assertTrue(declaration.find(), "the README's Java block must declare a public class:\n" + source);
        String className = declaration.group(1);

        compile(temp.resolve(className + ".java"), source);
        String output = runMain(className);

        List<Double> losses = new ArrayList<>();
        Matcher loss = Pattern.compile("loss (\\d+[.,]\\d+)").matcher(output);
        while (loss.find()) {
            losses.add(Double.parseDouble(loss.group(1).replace(',', '.')));
        }
        assertTrue(losses.size() >= 2, "the program must print the loss as it trains:\n" + output);
        double first = losses.get(0);
        double last = losses.get(losses.size() - 1);
        assertTrue(last < first / 10, "the loss must fall at least 10×: " + first + " → " + last + "\n" + output);
        assertTrue(Pattern.compile("(?m)^diagnostics: eta \\S+, KL/eps \\S+, solver passes \\d+").matcher(output).find(),
                "the program must print arTuRO's diagnostics:\n" + output);
    }

    /** The one {@code java} code block of the README's Java quick start section. */
    private static String javaBlock(String readme) {
        int section = readme.indexOf(SECTION);
        assertTrue(section >= 0, "README.md lacks the section '" + SECTION + "'");
        int next = readme.indexOf("\n## ", section + SECTION.length());
        String text = readme.substring(section, next < 0 ? readme.length() : next);
        int open = text.indexOf("```java\n");
        assertTrue(open >= 0, "the section '" + SECTION + "' has no ```java block");
        int start = open + "```java\n".length();
        int close = text.indexOf("\n```", start);
        assertTrue(close >= 0, "the ```java block is not closed");
        assertEquals(-1, text.indexOf("```java", close), "the section must hold one ```java block");
        return text.substring(start, close + 1);
    }

    /** Compiles {@code file} into {@link #temp} against the class path this test runs with. */
    private void compile(Path file, String source) throws Exception {
        Files.writeString(file, source, UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertNotNull(compiler, "a JDK (with javax.tools) is needed to compile the README's program");
        StringWriter messages = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, UTF_8)) {
            List<String> options = List.of(
                    "-classpath", System.getProperty("java.class.path"), "-d", temp.toString(), "-encoding", "UTF-8");
            boolean compiled = compiler.getTask(messages, files, null, options, null, files.getJavaFileObjects(file)).call();
            assertTrue(compiled, "the README's Java quick start does not compile:\n" + messages + "\n" + source);
        }
    }

    /** Runs {@code className.main} in this JVM and returns what it printed to System.out. */
    private String runMain(String className) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {temp.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass(className).getMethod("main", String[].class);
            System.setOut(new PrintStream(buffer, true, UTF_8));
            try {
                main.invoke(null, (Object) new String[0]);
            } finally {
                System.setOut(original);
            }
        }
        String output = buffer.toString(UTF_8);
        original.print(output);
        return output;
    }
}
