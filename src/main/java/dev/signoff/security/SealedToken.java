package dev.signoff.security;

/**
 * A task token as Signoff keeps it: sealed ({@link TokenCipher#sealToken}) and bound to its hash, which travels with it
 * into every row that holds it, so it opens only there.
 */
public record SealedToken(String ciphertext, String tokenHash) {}
