package io.ssfkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The boundaries of ssf-core, enforced on its compiled classes. */
class ArchitectureTest {

  private static final JavaClasses CORE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.ssfkit");

  @Test
  @DisplayName("core knows nothing about JSON libraries or HTTP frameworks")
  void coreWhenCompiledThenNoJsonLibraryOrHttpFramework() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage(
            "com.fasterxml.jackson..", "tools.jackson..", "com.google.gson..", "jakarta.servlet..",
            "javax.servlet..", "org.springframework..", "com.sun.net.httpserver..", "jakarta.ws.rs..")
        .check(CORE);
  }

  @Test
  @DisplayName("nimbus-jose-jwt is used only where tokens are signed or verified")
  void coreWhenCompiledThenNimbusOnlyInAuthAndSigning() {
    noClasses().that().resideOutsideOfPackages("io.ssfkit.auth..", "io.ssfkit.signing..")
        .should().dependOnClassesThat().resideInAPackage("com.nimbusds..")
        .check(CORE);
  }

  @Test
  @DisplayName("core never reads the system clock directly: time comes from an injected Clock")
  void coreWhenCompiledThenNoDirectSystemTime() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .check(CORE);
  }
}
