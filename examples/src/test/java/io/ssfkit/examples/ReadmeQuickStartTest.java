package io.ssfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's quick start is the compiled code of {@link ReadmeQuickStart}, line for line. */
class ReadmeQuickStartTest {

  @Test
  void readmeQuickStartWhenComparedWithCompiledCodeThenIdentical() throws IOException {
    Path root = Path.of("").toAbsolutePath().getParent();
    String readme = Files.readString(root.resolve("README.md"));
    int start = readme.indexOf("## Quick start");
    String block = readme.substring(readme.indexOf("```java\n", start) + 8, readme.indexOf("```\n",
        readme.indexOf("```java\n", start) + 8));

    List<String> source = Files.readAllLines(
        root.resolve("examples/src/main/java/io/ssfkit/examples/ReadmeQuickStart.java"));
    int from = indexOf(source, "README quick start begins") + 1;
    int to = indexOf(source, "README quick start ends");
    String compiled = source.subList(from, to).stream()
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n", "", "\n"));

    assertThat(block).isEqualTo(compiled);
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(marker)) {
        return i;
      }
    }
    throw new AssertionError("marker not found: " + marker);
  }
}
