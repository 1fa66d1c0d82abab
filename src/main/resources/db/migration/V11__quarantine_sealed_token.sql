-- Re-processing a quarantined request (admin dashboard) needs its task token, which the stored body has only as
-- <redacted>. Kept sealed like every stored token (security.TokenCipher, bound to token_hash), never in clear, and only
-- for requests whose execution Signoff answers (action FAILED_EXECUTION). Rows stored before this have none and
-- cannot be re-processed (docs/operations.md, Dashboard).
alter table quarantine add column token_ciphertext varchar(4096);
