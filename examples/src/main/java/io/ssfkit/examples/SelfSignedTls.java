package io.ssfkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made at start-up with the
 * JDK's own {@code keytool} (the JDK has no public API to create certificates), so no key is ever committed.
 * For development and the conformance suite only: a real deployment uses a certificate from its CA.
 */
final class SelfSignedTls {

  private final SSLContext serverContext;
  private final X509Certificate certificate;

  private SelfSignedTls(SSLContext serverContext, X509Certificate certificate) {
    this.serverContext = serverContext;
    this.certificate = certificate;
  }

  /** Generates a P-256 key and a certificate valid for 7 days. */
  static SelfSignedTls generate() throws IOException {
    Path dir = Files.createTempDirectory("ssfkit-tls");
    Path store = dir.resolve("server.p12");
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
    try {
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "ssfkit",
          "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-dname", "CN=localhost",
          "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7", "-storetype", "PKCS12",
          "-keystore", store.toString(), "-storepass", new String(password), "-keypass", new String(password)))
          .redirectErrorStream(true)
          .start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool failed: " + new String(output, java.nio.charset.StandardCharsets.UTF_8));
      }
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, password);
      }
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return new SelfSignedTls(context, (X509Certificate) keys.getCertificate("ssfkit"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating the certificate", e);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the generated certificate", e);
    } finally {
      Files.deleteIfExists(store);
      Files.deleteIfExists(dir);
    }
  }

  SSLContext serverContext() {
    return serverContext;
  }

  X509Certificate certificate() {
    return certificate;
  }

  /**
   * Returns a client context that trusts exactly this certificate.
   *
   * @param certificate the server's certificate
   * @return the context
   * @throws GeneralSecurityException if the JDK cannot build it
   */
  static SSLContext trusting(X509Certificate certificate) throws GeneralSecurityException, IOException {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ssfkit", certificate);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
