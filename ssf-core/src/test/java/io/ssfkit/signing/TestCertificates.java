package io.ssfkit.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Self-signed X.509 certificates written with a few lines of DER, because the JDK has no public API to create
 * one and a PKCS#12 private key entry needs a certificate.
 */
final class TestCertificates {

  private TestCertificates() {}

  /** A self-signed certificate for an RSA (SHA256withRSA) or EC (SHA256withECDSA) key pair. */
  static X509Certificate selfSigned(KeyPair pair) throws GeneralSecurityException {
    boolean rsa = pair.getPublic().getAlgorithm().equals("RSA");
    byte[] algorithm = rsa
        ? sequence(oid(1, 2, 840, 113549, 1, 1, 11), new byte[] {0x05, 0x00})
        : sequence(oid(1, 2, 840, 10045, 4, 3, 2));
    byte[] name = sequence(tlv(0x31, sequence(oid(2, 5, 4, 3), tlv(0x0c, ascii("ssfkit test")))));
    byte[] validity = sequence(tlv(0x17, ascii("260101000000Z")), tlv(0x17, ascii("360101000000Z")));
    byte[] tbs = sequence(
        tlv(0xa0, tlv(0x02, new byte[] {2})),
        tlv(0x02, new byte[] {1}),
        algorithm,
        name,
        validity,
        name,
        pair.getPublic().getEncoded());
    Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(tbs);
    byte[] signature = signer.sign();
    byte[] bitString = new byte[signature.length + 1];
    System.arraycopy(signature, 0, bitString, 1, signature.length);
    byte[] certificate = sequence(tbs, algorithm, tlv(0x03, bitString));
    return (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(certificate));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    return tlv(0x30, content.toByteArray());
  }

  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int arc = arcs[i];
      int shift = 28;
      while (shift > 0 && (arc >>> shift) == 0) {
        shift -= 7;
      }
      for (; shift > 0; shift -= 7) {
        content.write(0x80 | ((arc >>> shift) & 0x7f));
      }
      content.write(arc & 0x7f);
    }
    return tlv(0x06, content.toByteArray());
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(tag);
    int length = content.length;
    if (length < 0x80) {
      der.write(length);
    } else if (length < 0x100) {
      der.write(0x81);
      der.write(length);
    } else {
      der.write(0x82);
      der.write(length >>> 8);
      der.write(length & 0xff);
    }
    der.writeBytes(content);
    return der.toByteArray();
  }
}
