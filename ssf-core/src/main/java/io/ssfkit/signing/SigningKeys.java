package io.ssfkit.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.KeyAgreement;
import org.jspecify.annotations.Nullable;

/**
 * Creates {@link SigningKey}s whose private key is held in this JVM: generated, or loaded from a JWK, PEM or a
 * key store. Keys held in a KMS or an HSM implement {@link SigningKey} instead.
 *
 * <p>Every factory takes the JWS algorithm the key will sign with: {@link JWSAlgorithm#RS256} (the default of SSF
 * and the only algorithm of the CAEP interoperability profile) or {@link JWSAlgorithm#PS256} for RSA keys of at
 * least 2048 bits, {@link JWSAlgorithm#ES256} for EC keys on P-256. Symmetric keys, HMAC, {@code none}, other
 * curves and RSA keys below 2048 bits are refused with an {@link IllegalArgumentException} (SET-1). EdDSA is not
 * offered: nimbus-jose-jwt signs Ed25519 only through Google Tink, which ssfkit does not depend on.
 *
 * <p><b>Key IDs:</b> a key without a given {@code kid} gets its RFC 7638 JWK thumbprint (SHA-256, base64url). A
 * thumbprint is derived from the public key alone, so a key loaded again after a restart keeps its kid, and the
 * receivers' cached JWK Sets stay valid.
 *
 * <p>Each loaded key pair is checked by signing and verifying a probe message, so a certificate or public key that
 * does not belong to the private key is refused when it is loaded, not when receivers fail to verify. The returned
 * keys are immutable and thread-safe; their {@code toString()} names the kid and the algorithm, never the private
 * key.
 */
public final class SigningKeys {

  /** One PEM block (RFC 7468): its label and its base64 body. */
  private static final Pattern PEM_BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

  private static final byte[] PROBE = "ssfkit signing key check".getBytes(StandardCharsets.US_ASCII);

  private SigningKeys() {}

  /**
   * Generates a new key pair with {@link java.security.SecureRandom} randomness. Its kid is the RFC 7638 thumbprint.
   *
   * @param algorithm RS256, PS256 or ES256
   * @param keySize the RSA modulus length, 2048 or more (3072 is a common choice for keys used beyond 2030); for
   *     ES256 it must be 256
   * @return the key
   * @throws IllegalArgumentException if the algorithm is not supported or the size does not fit it
   */
  public static SigningKey generate(JWSAlgorithm algorithm, int keySize) {
    Keys.requireSupported(algorithm);
    KeyPair pair;
    try {
      if (Keys.isRsa(algorithm)) {
        Keys.requireRsaBits(keySize, "to generate");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(keySize);
        pair = generator.generateKeyPair();
      } else {
        if (keySize != 256) {
          throw new IllegalArgumentException("ES256 keys are on P-256, so keySize must be 256, but was " + keySize);
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        pair = generator.generateKeyPair();
      }
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("the JDK cannot generate a key pair for " + algorithm, e);
    }
    return local(algorithm, pair.getPrivate(), pair.getPublic(), null);
  }

  /**
   * Loads a private JWK (RFC 7517), such as {@code {"kty":"RSA","n":...,"e":...,"d":...,...}}. Its {@code kid} is
   * kept, or the thumbprint is used when it has none.
   *
   * @param json the JWK as JSON, with its private members
   * @param algorithm RS256, PS256 or ES256; it must agree with the JWK's {@code alg} if the JWK has one
   * @return the key
   * @throws IllegalArgumentException if the JSON is not a JWK, holds no private key, is symmetric, is too small, or
   *     disagrees with the algorithm
   */
  public static SigningKey fromJwk(String json, JWSAlgorithm algorithm) {
    Objects.requireNonNull(json, "json");
    Keys.requireSupported(algorithm);
    JWK jwk;
    try {
      jwk = JWK.parse(json);
    } catch (ParseException e) {
      // Neither the input nor the parser's message is repeated: both may contain private key material.
      throw new IllegalArgumentException("the JWK cannot be parsed as a JSON Web Key (RFC 7517)");
    }
    if (jwk instanceof OctetSequenceKey) {
      throw new IllegalArgumentException("the JWK is a symmetric (oct) key; SETs are signed asymmetrically (SET-1)");
    }
    if (!jwk.isPrivate()) {
      throw new IllegalArgumentException(
          "the JWK holds no private key; a key whose private part is kept elsewhere implements SigningKey");
    }
    if (jwk.getAlgorithm() != null && !jwk.getAlgorithm().getName().equals(algorithm.getName())) {
      throw new IllegalArgumentException(
          "the JWK says alg=" + jwk.getAlgorithm() + ", but " + algorithm + " was asked for");
    }
    if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
      throw new IllegalArgumentException("the JWK says use=" + jwk.getKeyUse() + "; a signing key has use=sig");
    }
    try {
      if (jwk instanceof RSAKey rsa) {
        return local(algorithm, rsa.toPrivateKey(), rsa.toRSAPublicKey(), rsa.getKeyID());
      }
      if (jwk instanceof ECKey ec) {
        return local(algorithm, ec.toECPrivateKey(), ec.toECPublicKey(), ec.getKeyID());
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the JWK's key parameters are invalid", e);
    }
    throw new IllegalArgumentException(
        "the JWK has key type " + jwk.getKeyType() + "; only RSA and EC (P-256) keys are supported");
  }

  /**
   * Loads a key from PEM text (RFC 7468): one unencrypted PKCS#8 {@code PRIVATE KEY}, and optionally the
   * {@code PUBLIC KEY} or the {@code CERTIFICATE} (the first one, if a chain follows) that belongs to it. Without
   * either, the public key is derived from the private key. The kid is the thumbprint.
   *
   * <p>Parsed with the JDK alone (nimbus's own PEM parser needs BouncyCastle). PKCS#1 {@code RSA PRIVATE KEY},
   * SEC 1 {@code EC PRIVATE KEY} and {@code ENCRYPTED PRIVATE KEY} blocks are refused with a hint to convert them
   * with {@code openssl pkcs8 -topk8 -nocrypt}; {@code EC PARAMETERS} blocks are ignored.
   *
   * @param pem the PEM text
   * @param algorithm RS256, PS256 or ES256
   * @return the key
   * @throws IllegalArgumentException if the text holds no usable private key, the key does not fit the algorithm,
   *     or the public key or certificate belongs to another key
   */
  public static SigningKey fromPem(String pem, JWSAlgorithm algorithm) {
    Objects.requireNonNull(pem, "pem");
    Keys.requireSupported(algorithm);
    String family = Keys.isRsa(algorithm) ? "RSA" : "EC";
    PrivateKey privateKey = null;
    PublicKey publicKey = null;
    PublicKey certificateKey = null;
    Matcher block = PEM_BLOCK.matcher(pem);
    while (block.find()) {
      String label = block.group(1);
      byte[] der;
      try {
        der = Base64.getMimeDecoder().decode(block.group(2));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("the PEM block " + label + " is not valid base64");
      }
      try {
        switch (label) {
          case "PRIVATE KEY" -> {
            if (privateKey != null) {
              throw new IllegalArgumentException("the PEM text holds more than one PRIVATE KEY");
            }
            privateKey = KeyFactory.getInstance(family).generatePrivate(new PKCS8EncodedKeySpec(der));
          }
          case "PUBLIC KEY" -> {
            if (publicKey != null) {
              throw new IllegalArgumentException("the PEM text holds more than one PUBLIC KEY");
            }
            publicKey = KeyFactory.getInstance(family).generatePublic(new X509EncodedKeySpec(der));
          }
          case "CERTIFICATE" -> {
            // The first certificate is the key's own; any others are its chain.
            if (certificateKey == null) {
              certificateKey = CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der))
                  .getPublicKey();
            }
          }
          case "EC PARAMETERS" -> {
            // Written by "openssl ecparam -genkey"; the curve is also named in the PKCS#8 key.
          }
          case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException(
              "the PEM block " + label + " is not supported; convert it to an unencrypted PKCS#8 PRIVATE KEY with "
                  + "'openssl pkcs8 -topk8 -nocrypt', or use a PKCS#12 key store");
          default -> throw new IllegalArgumentException(
              "the PEM block " + label + " is not supported; expected PRIVATE KEY, PUBLIC KEY or CERTIFICATE");
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException(
            "the PEM block " + label + " is not a valid " + family + " key or X.509 certificate for " + algorithm, e);
      }
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("the PEM text holds no PKCS#8 PRIVATE KEY block");
    }
    if (publicKey != null && certificateKey != null && !publicKey.equals(certificateKey)) {
      throw new IllegalArgumentException("the PEM text holds a PUBLIC KEY and a CERTIFICATE for different keys");
    }
    if (publicKey == null) {
      publicKey = certificateKey != null ? certificateKey : derivePublicKey(privateKey);
    }
    return local(algorithm, privateKey, publicKey, null);
  }

  /**
   * Loads a private key and its certificate from a key store, such as a PKCS#12 file. The kid is the thumbprint,
   * not the alias.
   *
   * <pre>{@code
   * KeyStore store = KeyStore.getInstance("PKCS12");
   * try (InputStream in = Files.newInputStream(path)) {
   *   store.load(in, password);
   * }
   * SigningKey key = SigningKeys.fromKeyStore(store, "ssf-signing", password, JWSAlgorithm.RS256);
   * }</pre>
   *
   * @param keyStore a loaded key store
   * @param alias the alias of a private key entry, which has a certificate
   * @param password the password of the entry; not retained
   * @param algorithm RS256, PS256 or ES256
   * @return the key
   * @throws IllegalArgumentException if the alias holds no private key with a certificate, the password is wrong,
   *     or the key does not fit the algorithm
   */
  public static SigningKey fromKeyStore(KeyStore keyStore, String alias, char[] password, JWSAlgorithm algorithm) {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(alias, "alias");
    Objects.requireNonNull(password, "password");
    Keys.requireSupported(algorithm);
    Key key;
    Certificate certificate;
    try {
      key = keyStore.getKey(alias, password);
      certificate = keyStore.getCertificate(alias);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read key store entry " + alias + ": " + e.getMessage(), e);
    }
    if (key == null) {
      throw new IllegalArgumentException("the key store has no key under alias " + alias);
    }
    if (!(key instanceof PrivateKey privateKey)) {
      throw new IllegalArgumentException(
          "the key store entry " + alias + " is a symmetric key; SETs are signed asymmetrically (SET-1)");
    }
    if (certificate == null) {
      throw new IllegalArgumentException("the key store entry " + alias + " has no certificate");
    }
    return local(algorithm, privateKey, certificate.getPublicKey(), null);
  }

  /** Builds a local key after checking that the pair fits the algorithm and belongs together. */
  private static SigningKey local(
      JWSAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, @Nullable String keyId) {
    if (keyId != null && keyId.isBlank()) {
      throw new IllegalArgumentException("kid must not be blank");
    }
    JWK jwk;
    JWSSigner signer;
    String jcaAlgorithm;
    try {
      if (Keys.isRsa(algorithm)) {
        if (!(publicKey instanceof RSAPublicKey rsa)) {
          throw new IllegalArgumentException(algorithm + " needs an RSA key, but this is " + publicKey.getAlgorithm());
        }
        Keys.requireRsaBits(rsa.getModulus().bitLength(), keyId != null ? "kid=" + keyId : "to load");
        jwk = new RSAKey.Builder(rsa).build();
        signer = new RSASSASigner(privateKey);
        jcaAlgorithm = "SHA256withRSA";
      } else {
        if (!(publicKey instanceof ECPublicKey ec) || !Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
          throw new IllegalArgumentException("ES256 needs an EC key on P-256, but this is " + describe(publicKey));
        }
        jwk = new ECKey.Builder(Curve.P_256, ec).build();
        signer = new ECDSASigner(privateKey, Curve.P_256);
        jcaAlgorithm = "SHA256withECDSA";
      }
      if (!belongTogether(jcaAlgorithm, privateKey, publicKey)) {
        throw new IllegalArgumentException("the public key or certificate does not belong to the private key");
      }
      String kid = keyId != null ? keyId : jwk.computeThumbprint().toString();
      JWK published = jwk instanceof RSAKey rsa
          ? new RSAKey.Builder(rsa).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(kid).build()
          : new ECKey.Builder((ECKey) jwk).keyUse(KeyUse.SIGNATURE).algorithm(algorithm).keyID(kid).build();
      return new LocalSigningKey(kid, algorithm, published, signer);
    } catch (JOSEException e) {
      throw new IllegalArgumentException("the key cannot sign " + algorithm + ": " + e.getMessage(), e);
    }
  }

  private static String describe(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      return "an EC key on " + (curve != null ? curve.getName() : "an unknown curve");
    }
    return "a " + key.getAlgorithm() + " key";
  }

  /** Signs a probe with the private key and verifies it with the public key. */
  private static boolean belongTogether(String jcaAlgorithm, PrivateKey privateKey, PublicKey publicKey) {
    try {
      Signature signer = Signature.getInstance(jcaAlgorithm);
      signer.initSign(privateKey);
      signer.update(PROBE);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(jcaAlgorithm);
      verifier.initVerify(publicKey);
      verifier.update(PROBE);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the key pair cannot sign with " + jcaAlgorithm, e);
    }
  }

  /**
   * Derives the public key of a PKCS#8 private key that came without one.
   *
   * <p>RSA: a PKCS#8 RSA key carries its modulus and public exponent. EC: the JDK does not expose the public point
   * of a private key, so it is computed without any hand-written curve arithmetic: ECDH of the private key {@code d}
   * with the generator {@code G} yields the x-coordinate of {@code d·G}; the curve equation gives {@code y} up to
   * its sign, and the candidate that verifies a probe signature is the public key.
   */
  private static PublicKey derivePublicKey(PrivateKey privateKey) {
    try {
      if (privateKey instanceof RSAPrivateCrtKey rsa) {
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      if (privateKey instanceof ECPrivateKey ec) {
        ECParameterSpec params = ec.getParams();
        KeyFactory factory = KeyFactory.getInstance("EC");
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(ec);
        agreement.doPhase(factory.generatePublic(new ECPublicKeySpec(params.getGenerator(), params)), true);
        BigInteger x = new BigInteger(1, agreement.generateSecret());
        BigInteger p = ((ECFieldFp) params.getCurve().getField()).getP();
        BigInteger ySquared = x.pow(3).add(params.getCurve().getA().multiply(x)).add(params.getCurve().getB()).mod(p);
        // p = 3 (mod 4) on P-256, so a square root of ySquared is ySquared^((p+1)/4).
        BigInteger y = ySquared.modPow(p.add(BigInteger.ONE).shiftRight(2), p);
        for (BigInteger candidate : List.of(y, p.subtract(y))) {
          PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(x, candidate), params));
          if (belongTogether("SHA256withECDSA", ec, publicKey)) {
            return publicKey;
          }
        }
      }
    } catch (GeneralSecurityException | ClassCastException | ArithmeticException e) {
      throw new IllegalArgumentException("cannot derive the public key; add its PUBLIC KEY or CERTIFICATE block", e);
    }
    throw new IllegalArgumentException(
        "cannot derive the public key of this private key; add its PUBLIC KEY or CERTIFICATE block");
  }
}
