package org.juv.js;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What {@code lib/crypto.js} calls: hashes and HMACs on the JDK's providers
 * ({@link MessageDigest}, {@link Mac}) and random bytes from {@link SecureRandom}, as Node's
 * crypto binding does them on OpenSSL. A hash in progress lives here by id until its digest.
 *
 * <p><b>Threading:</b> loop thread only.
 */
public final class CryptoBinding {
    /** Node's (OpenSSL's) digest names, lower case, to the JDK's. */
    private static final Map<String, String> DIGESTS = Map.ofEntries(
            Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"),
            Map.entry("sha512-224", "SHA-512/224"), Map.entry("sha512-256", "SHA-512/256"),
            Map.entry("sha3-224", "SHA3-224"), Map.entry("sha3-256", "SHA3-256"), Map.entry("sha3-384", "SHA3-384"),
            Map.entry("sha3-512", "SHA3-512"), Map.entry("rsa-md5", "MD5"), Map.entry("rsa-sha1", "SHA-1"),
            Map.entry("rsa-sha256", "SHA-256"), Map.entry("rsa-sha384", "SHA-384"), Map.entry("rsa-sha512", "SHA-512"));
    /** The same names to the JDK's HMACs. */
    private static final Map<String, String> MACS = Map.ofEntries(
            Map.entry("md5", "HmacMD5"), Map.entry("sha1", "HmacSHA1"), Map.entry("sha224", "HmacSHA224"),
            Map.entry("sha256", "HmacSHA256"), Map.entry("sha384", "HmacSHA384"), Map.entry("sha512", "HmacSHA512"),
            Map.entry("sha512-224", "HmacSHA512/224"), Map.entry("sha512-256", "HmacSHA512/256"),
            Map.entry("sha3-224", "HmacSHA3-224"), Map.entry("sha3-256", "HmacSHA3-256"),
            Map.entry("sha3-384", "HmacSHA3-384"), Map.entry("sha3-512", "HmacSHA3-512"));

    private final NodeHost host;
    private final Map<Integer, Object> inProgress = new HashMap<>();
    private SecureRandom random;
    private int nextId;

    CryptoBinding(NodeHost host) {
        this.host = host;
    }

    /**
     * Returns the digest names {@link #hash} takes, as {@code crypto.getHashes()}.
     *
     * @return the names, sorted
     */
    public String[] hashes() {
        return DIGESTS.keySet().stream().sorted().toArray(String[]::new);
    }

    /**
     * Starts a hash.
     *
     * @param algorithm Node's name for it ({@code sha256}, {@code md5}, ...), in any case
     * @return its id, or -1 if the name is not one this binding has
     */
    public int hash(String algorithm) {
        String name = DIGESTS.get(algorithm.toLowerCase(Locale.ROOT));
        if (name == null) {
            return -1;
        }
        try {
            return keep(MessageDigest.getInstance(name));
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    /**
     * Starts an HMAC.
     *
     * @param algorithm Node's name for its hash
     * @param key       the key's bytes (a typed array) or text (UTF-8)
     * @return its id, or -1 if the name is not one this binding has
     */
    public int hmac(String algorithm, Object key) {
        String name = MACS.get(algorithm.toLowerCase(Locale.ROOT));
        if (name == null) {
            return -1;
        }
        byte[] bytes = copy(key);
        try {
            Mac mac = Mac.getInstance(name);
            // an empty key is legal for HMAC; SecretKeySpec refuses one, so stand in a zero byte,
            // which HMAC pads to the same block as no key at all
            mac.init(new SecretKeySpec(bytes.length == 0 ? new byte[1] : bytes, name));
            return keep(mac);
        } catch (GeneralSecurityException e) {
            return -1;
        }
    }

    /** A script's bytes (a typed array, or text as UTF-8) as an array of their own. */
    private byte[] copy(Object data) {
        ByteBuffer b = host.bytesOf(data);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private int keep(Object digest) {
        int id = ++nextId;
        inProgress.put(id, digest);
        return id;
    }

    /**
     * Feeds a hash or HMAC.
     *
     * @param id   its id
     * @param data a typed array, or text (UTF-8)
     */
    public void update(int id, Object data) {
        ByteBuffer b = host.bytesOf(data);
        Object d = inProgress.get(id);
        if (d instanceof MessageDigest) {
            ((MessageDigest) d).update(b);
        } else {
            ((Mac) d).update(b);
        }
    }

    /**
     * Copies a hash in progress, as {@code hash.copy()}.
     *
     * @param id its id
     * @return the copy's id
     */
    public int copy(int id) {
        try {
            Object d = inProgress.get(id);
            return keep(d instanceof MessageDigest ? ((MessageDigest) d).clone() : ((Mac) d).clone());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("this JDK's digest cannot be copied", e);
        }
    }

    /**
     * Ends a hash or HMAC and forgets it.
     *
     * @param id its id
     * @return the digest, as a {@code Uint8Array}
     */
    public Object digest(int id) {
        return host.engine().toBuffer(ByteBuffer.wrap(finish(id)));
    }

    /**
     * Ends a hash or HMAC and forgets it, giving the digest as text, as {@code digest('hex')} and
     * the like: an ETag's hash needs no buffer on the way.
     *
     * @param id       its id
     * @param encoding {@code hex}, {@code base64}, {@code base64url} or {@code latin1}
     * @return the digest in that encoding
     */
    public String digestText(int id, String encoding) {
        byte[] out = finish(id);
        switch (encoding) {
            case "hex":
                return HexFormat.of().formatHex(out);
            case "base64":
                return Base64.getEncoder().encodeToString(out);
            case "base64url":
                return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
            case "latin1":
                return new String(out, StandardCharsets.ISO_8859_1);
            default:
                throw new IllegalArgumentException("not a digest text encoding: " + encoding);
        }
    }

    private byte[] finish(int id) {
        Object d = inProgress.remove(id);
        return d instanceof MessageDigest ? ((MessageDigest) d).digest() : ((Mac) d).doFinal();
    }

    /**
     * Derives a key with PBKDF2 (RFC 8018) over an HMAC, as {@code crypto.pbkdf2Sync}. Written
     * out here rather than through the JDK's {@code PBKDF2WithHmac*}, which takes the password
     * as characters: Node's takes bytes.
     *
     * @param password   the password's bytes (a typed array) or text (UTF-8)
     * @param salt       the salt, the same way
     * @param iterations at least 1
     * @param keylen     the key's length in bytes
     * @param digest     Node's name for the HMAC's hash
     * @return the key, as a {@code Uint8Array}, or {@code null} if the digest is not one this binding has
     */
    public Object pbkdf2(Object password, Object salt, int iterations, int keylen, String digest) {
        String name = MACS.get(digest.toLowerCase(Locale.ROOT));
        if (name == null) {
            return null;
        }
        byte[] pw = copy(password);
        byte[] s = copy(salt);
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(pw.length == 0 ? new byte[1] : pw, name));
            int h = mac.getMacLength();
            byte[] out = new byte[keylen];
            byte[] u = new byte[h];
            byte[] t = new byte[h];
            for (int block = 1, at = 0; at < keylen; block++, at += h) {
                mac.update(s);
                mac.update(new byte[] {(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
                mac.doFinal(u, 0);
                System.arraycopy(u, 0, t, 0, h);
                for (int i = 1; i < iterations; i++) {
                    mac.update(u);
                    mac.doFinal(u, 0);
                    for (int k = 0; k < h; k++) {
                        t[k] ^= u[k];
                    }
                }
                System.arraycopy(t, 0, out, at, Math.min(h, keylen - at));
            }
            return host.engine().toBuffer(ByteBuffer.wrap(out));
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /**
     * Returns random bytes from the JDK's strong source, as {@code crypto.randomBytes}.
     *
     * @param size how many
     * @return a {@code Uint8Array}
     */
    public Object randomBytes(int size) {
        if (random == null) {
            random = new SecureRandom();
        }
        byte[] out = new byte[size];
        random.nextBytes(out);
        return host.engine().toBuffer(ByteBuffer.wrap(out));
    }
}
