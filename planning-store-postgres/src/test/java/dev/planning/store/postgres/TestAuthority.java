package dev.planning.store.postgres;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority of the tests (an EC P-256 key and a self-signed certificate, valid from a
 * day ago to a day ahead) that issues the certificates of the TLS tests: PostgreSQL's ({@code TlsTest})
 * and Kafka's PEM key stores ({@code KafkaTlsTest}).
 */
record TestAuthority(X500Name name, KeyPair keys, X509CertificateHolder certificate) {

    static TestAuthority create(String commonName) throws Exception {
        X500Name name = new X500Name("CN=" + commonName);
        KeyPair keys = ecKeys();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, notBefore(),
                notAfter(), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new TestAuthority(name, keys, builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(keys.getPrivate())));
    }

    /** Writes this authority's certificate (PEM) to {@code file} and returns it. */
    Path writeCertificate(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(certificate);
        }
        return file;
    }

    /** A certificate for {@code host} (its only name), and its key readable by its owner only, as PostgreSQL demands. */
    void issueServerCertificate(String host, Path certificateFile, Path keyFile) throws Exception {
        KeyPair serverKeys = ecKeys();
        X509CertificateHolder issued = issue(host, true, serverKeys);
        try (Writer out = Files.newBufferedWriter(certificateFile, StandardCharsets.US_ASCII);
                JcaPEMWriter pem = new JcaPEMWriter(out)) {
            pem.writeObject(issued);
        }
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, pkcs8(serverKeys.getPrivate()), StandardCharsets.US_ASCII);
    }

    /**
     * A PEM key store as Kafka reads one: an unencrypted PKCS#8 key, then the certificate for
     * {@code commonName}, which is also its one DNS name when {@code server}.
     */
    Path issue(String commonName, boolean server, Path file) throws Exception {
        KeyPair owned = ecKeys();
        X509CertificateHolder issued = issue(commonName, server, owned);
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(pkcs8(owned.getPrivate()));
            JcaPEMWriter pem = new JcaPEMWriter(out);
            pem.writeObject(issued);
            pem.flush();
        }
        return file;
    }

    private X509CertificateHolder issue(String commonName, boolean server, KeyPair owned) throws Exception {
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(System.nanoTime()), notBefore(), notAfter(), new X500Name("CN=" + commonName),
                owned.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        if (server) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, commonName)));
        }
        return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
    }

    /**
     * PKCS#8 ("PRIVATE KEY"), the JDK's own encoding: PostgreSQL's OpenSSL refused BouncyCastle's
     * traditional "EC PRIVATE KEY" form of the same key ("EC lib").
     */
    private static String pkcs8(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofDays(1)));
    }

    private static Date notAfter() {
        return Date.from(Instant.now().plus(Duration.ofDays(1)));
    }
}
