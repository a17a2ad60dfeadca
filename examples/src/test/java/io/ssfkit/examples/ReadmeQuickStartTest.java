package io.ssfkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import io.ssfkit.TransmitterService;
import io.ssfkit.event.EventType;
import io.ssfkit.rules.RuleOutcome;
import io.ssfkit.signing.KeyRing;
import io.ssfkit.signing.SetSigner;
import io.ssfkit.signing.SigningKeys;
import io.ssfkit.subject.SubjectIdentifier;
import io.ssfkit.testkit.InMemoryDeadLetterStore;
import io.ssfkit.testkit.InMemoryEventQueue;
import io.ssfkit.testkit.InMemoryStreamStore;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's quick start and rules snippet are the compiled code of {@link ReadmeQuickStart}, line for line. */
class ReadmeQuickStartTest {

  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @Test
  void readmeQuickStartWhenComparedWithCompiledCodeThenIdentical() throws IOException {
    assertThat(readmeBlock("## Quick start", 0)).isEqualTo(compiled("README quick start begins",
        "README quick start ends"));
  }

  @Test
  void readmeRulesWhenComparedWithCompiledCodeThenIdentical() throws IOException {
    assertThat(readmeBlock("## Quick start", 1)).isEqualTo(compiled("README rules begin", "README rules end"));
  }

  @Test
  @DisplayName("the README's rules snippet runs: the lifecycle rule matches and publishes one session-revoked")
  void readmeRulesWhenRunThenSessionRevokedPublished() {
    try (TransmitterService service = TransmitterService.builder()
        .issuer(URI.create("https://transmitter.example.com"))
        .streamStore(InMemoryStreamStore.create())
        .setSigner(SetSigner.nimbus(KeyRing.create(SigningKeys.generate(JWSAlgorithm.ES256, 256), Duration.ofDays(1),
            Clock.systemUTC())))
        .eventQueue(InMemoryEventQueue.create())
        .deadLetterStore(InMemoryDeadLetterStore.create())
        .build()) {
      RuleOutcome outcome = ReadmeQuickStart.revocationRules(service);

      assertThat(outcome.matchedRules()).containsExactly("leavers");
      assertThat(outcome.published()).singleElement().satisfies(p -> {
        assertThat(p.eventType()).isEqualTo(EventType.SESSION_REVOKED);
        assertThat(p.subject()).isEqualTo(SubjectIdentifier.email("jane@example.com"));
      });
    }
  }

  /** The n-th Java block after a heading of the README. */
  private static String readmeBlock(String heading, int n) throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int at = readme.indexOf(heading);
    for (int i = 0; i <= n; i++) {
      at = readme.indexOf("```java\n", at) + 8;
    }
    return readme.substring(at, readme.indexOf("```\n", at));
  }

  /** The lines of ReadmeQuickStart between two markers, less the method body's indent. */
  private static String compiled(String begin, String end) throws IOException {
    List<String> source = Files.readAllLines(
        ROOT.resolve("examples/src/main/java/io/ssfkit/examples/ReadmeQuickStart.java"));
    return source.subList(indexOf(source, begin) + 1, indexOf(source, end)).stream()
        .map(line -> line.length() >= 4 ? line.substring(4) : line.strip())
        .collect(Collectors.joining("\n", "", "\n"));
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
