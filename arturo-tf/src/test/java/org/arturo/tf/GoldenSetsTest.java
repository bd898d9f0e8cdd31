package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A golden-set directory named by an environment variable must hold something to replay. */
class GoldenSetsTest {
    @Test
    void anUnsetVariableAddsNothing() {
        assertEquals(List.of(), GoldenSets.external("X_GOLDEN_DIR", null));
        assertEquals(List.of(), GoldenSets.external("X_GOLDEN_DIR", " "));
    }

    @Test
    void aMissingOrEmptyDirectoryOrAFileFails(@TempDir Path dir) throws IOException {
        AssertionError empty = assertThrows(AssertionError.class, () -> GoldenSets.external("X_GOLDEN_DIR", dir.toString()));
        assertTrue(empty.getMessage().contains("holds no *.json"), empty.getMessage());
        Files.writeString(dir.resolve("notes.txt"), "not a vector set");
        assertThrows(AssertionError.class, () -> GoldenSets.external("X_GOLDEN_DIR", dir.toString()));
        AssertionError missing = assertThrows(AssertionError.class,
                () -> GoldenSets.external("X_GOLDEN_DIR", dir.resolve("absent").toString()));
        assertTrue(missing.getMessage().contains("is not a directory"), missing.getMessage());
        assertThrows(AssertionError.class, () -> GoldenSets.external("X_GOLDEN_DIR", dir.resolve("notes.txt").toString()));
    }

    @Test
    void jsonFilesAreListedSorted(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.json"), "{}");
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.writeString(dir.resolve("c.txt"), "");
        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.json")), GoldenSets.external("X_GOLDEN_DIR", dir.toString()));
    }

    @Test
    void theShippedSetsAreFound() {
        assertTrue(GoldenSets.shipped("/golden").size() >= 5);
        assertTrue(GoldenSets.shipped("/golden-noise").size() >= 11);
    }
}
