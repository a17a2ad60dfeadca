package io.ssfkit.signing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies a JWS with the JDK alone, as an independent check of nimbus: no nimbus class is used on this path,
 * neither to read the JWK Set nor to decode the token nor to check the signature.
 */
final class JdkJws {

  private static final Pattern HEADER_MEMBER = Pattern.compile("\"(alg|kid)\"\\s*:\\s*\"([^\"]*)\"");

  private JdkJws() {}

  /**
   * Verifies a compact JWS against the JWK Set served at this moment: the header's kid selects the key.
   *
   * @return true if the kid is published and the signature verifies with the header's alg
   */
  static boolean verify(String compact, Map<String, Object> jwks) {
    String[] parts = compact.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    String header = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8);
    String alg = member(header, "alg");
    String kid = member(header, "kid");
    Map<String, Object> jwk = findKey(jwks, kid);
    if (jwk == null || !alg.equals(jwk.get("alg"))) {
      return false;
    }
    byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    try {
      PublicKey key = publicKey(jwk);
      Signature verifier;
      switch (alg) {
        case "RS256" -> verifier = Signature.getInstance("SHA256withRSA");
        case "PS256" -> {
          verifier = Signature.getInstance("RSASSA-PSS");
          verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        case "ES256" -> {
          verifier = Signature.getInstance("SHA256withECDSA");
          signature = concatToDer(signature);
        }
        default -> throw new IllegalArgumentException("unexpected alg " + alg);
      }
      verifier.initVerify(key);
      verifier.update(signingInput);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> findKey(Map<String, Object> jwks, String kid) {
    for (Object key : (List<Object>) jwks.get("keys")) {
      Map<String, Object> jwk = (Map<String, Object>) key;
      if (kid.equals(jwk.get("kid"))) {
        return jwk;
      }
    }
    return null;
  }

  private static String member(String headerJson, String name) {
    Matcher matcher = HEADER_MEMBER.matcher(headerJson);
    while (matcher.find()) {
      if (matcher.group(1).equals(name)) {
        return matcher.group(2);
      }
    }
    throw new AssertionError("header has no " + name + ": " + headerJson);
  }

  /** Builds a JCA public key from the members of a public JWK (RFC 7518 sections 6.2.1 and 6.3.1). */
  static PublicKey publicKey(Map<String, Object> jwk) throws GeneralSecurityException {
    switch ((String) jwk.get("kty")) {
      case "RSA" -> {
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(unsigned(jwk.get("n")), unsigned(jwk.get("e"))));
      }
      case "EC" -> {
        if (!"P-256".equals(jwk.get("crv"))) {
          throw new IllegalArgumentException("unexpected crv " + jwk.get("crv"));
        }
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(unsigned(jwk.get("x")), unsigned(jwk.get("y")));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
      }
      default -> throw new IllegalArgumentException("unexpected kty " + jwk.get("kty"));
    }
  }

  private static BigInteger unsigned(Object base64Url) {
    return new BigInteger(1, Base64.getUrlDecoder().decode((String) base64Url));
  }

  /**
   * Converts a JWS ES256 signature, R and S as 32 bytes each (RFC 7518 section 3.4), into the DER form JCA
   * verifies: {@code SEQUENCE { INTEGER r, INTEGER s }}.
   */
  static byte[] concatToDer(byte[] rs) {
    if (rs.length != 64) {
      throw new IllegalArgumentException("an ES256 signature has 64 bytes, not " + rs.length);
    }
    byte[] r = derInteger(Arrays.copyOfRange(rs, 0, 32));
    byte[] s = derInteger(Arrays.copyOfRange(rs, 32, 64));
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(0x30);
    der.write(r.length + s.length); // at most 2 * 35 = 70 bytes: the short length form
    der.writeBytes(r);
    der.writeBytes(s);
    return der.toByteArray();
  }

  /** A DER INTEGER of an unsigned big-endian value: leading zeros stripped, one 0x00 added if the high bit is set. */
  private static byte[] derInteger(byte[] unsigned) {
    int start = 0;
    while (start < unsigned.length - 1 && unsigned[start] == 0) {
      start++;
    }
    byte[] magnitude = Arrays.copyOfRange(unsigned, start, unsigned.length);
    boolean pad = (magnitude[0] & 0x80) != 0;
    ByteArrayOutputStream der = new ByteArrayOutputStream();
    der.write(0x02);
    der.write(magnitude.length + (pad ? 1 : 0));
    if (pad) {
      der.write(0);
    }
    der.writeBytes(magnitude);
    return der.toByteArray();
  }
}
