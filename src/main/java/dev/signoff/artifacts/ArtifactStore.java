package dev.signoff.artifacts;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Signoff's one door to S3. Every call first checks the bucket against {@code signoff.artifacts.allowed-buckets}, then
 * translates S3's answers into {@link ArtifactException}s.
 */
@ApplicationScoped
public class ArtifactStore {

    public static final String OCTET_STREAM = "application/octet-stream";

    private static final Logger LOG = Logger.getLogger(ArtifactStore.class);

    private final S3Client s3;
    private final Set<String> allowedBuckets;
    private final long maxPreviewBytes;

    ArtifactStore(S3Client s3, ArtifactsConfig config) {
        this.s3 = s3;
        this.allowedBuckets = config.allowedBuckets().orElse(Set.of());
        this.maxPreviewBytes = config.maxPreviewSize().asLongValue();
    }

    /** Size and content type, or {@code exists == false}; throws only for refusals and outages. */
    public ArtifactHead head(ArtifactRef ref) {
        requireAllowed(ref);
        try {
            HeadObjectResponse head = s3.headObject(r -> r.bucket(ref.bucket()).key(ref.key()));
            return new ArtifactHead(ref, true, head.contentLength(), contentTypeOf(head.contentType()));
        } catch (SdkException e) {
            ArtifactException failure = translate(ref, e);
            if (failure instanceof ArtifactNotFoundException) {
                return ArtifactHead.missing(ref);
            }
            throw failure;
        }
    }

    /** Opens the object for streaming; the caller closes the returned content. */
    public ArtifactContent open(ArtifactRef ref) {
        requireAllowed(ref);
        ResponseInputStream<GetObjectResponse> stream = get(ref);
        GetObjectResponse response = stream.response();
        return new ArtifactContent(ref, response.contentLength(), contentTypeOf(response.contentType()), stream);
    }

    /**
     * Opens bytes {@code first} to {@code last} (inclusive) of an object {@code expectedSize} long, for a Range
     * request; fails when the object no longer has that size, so the parts of one download never mix two versions.
     */
    public ArtifactContent openRange(ArtifactRef ref, long first, long last, long expectedSize) {
        requireAllowed(ref);
        ResponseInputStream<GetObjectResponse> stream = get(ref, "bytes=" + first + "-" + last);
        GetObjectResponse response = stream.response();
        String range = response.contentRange();
        if (range == null || !range.endsWith("/" + expectedSize)) {
            stream.abort();
            throw new ArtifactUnavailableException(ref, new IllegalStateException("object changed: " + range));
        }
        return new ArtifactContent(ref, response.contentLength(), contentTypeOf(response.contentType()), stream);
    }

    /**
     * Reads at most {@code maxBytes} from the start of an object of the given size (from {@link #head}): a preview
     * of a large CSV needs only its first rows, and memory holds no more than the cap.
     */
    public ArtifactPreview readStart(ArtifactHead head, long maxBytes) {
        ArtifactRef ref = head.ref();
        requireAllowed(ref);
        if (head.size() == 0) {
            return new ArtifactPreview(ref, head.contentType(), new byte[0], 0);
        }
        long last = Math.min(head.size(), maxBytes) - 1;
        try (ResponseInputStream<GetObjectResponse> stream = get(ref, "bytes=0-" + last)) {
            byte[] bytes = stream.readNBytes(Math.toIntExact(last + 1));
            return new ArtifactPreview(ref, head.contentType(), bytes, head.size());
        } catch (IOException e) {
            throw new ArtifactUnavailableException(ref, e);
        }
    }

    /** Reads a small artifact fully, for rendering in a page. */
    public ArtifactPreview readPreview(ArtifactRef ref) {
        requireAllowed(ref);
        ResponseInputStream<GetObjectResponse> stream = get(ref);
        try (stream) {
            long size = stream.response().contentLength();
            if (size > maxPreviewBytes) {
                stream.abort();
                throw new ArtifactTooLargeException(ref, size, maxPreviewBytes);
            }
            byte[] bytes = stream.readNBytes(Math.toIntExact(size));
            return new ArtifactPreview(ref, contentTypeOf(stream.response().contentType()), bytes, size);
        } catch (IOException e) {
            throw new ArtifactUnavailableException(ref, e);
        }
    }

    /** Stores an object; used to seed the sandbox and by tests. Signoff never writes a workflow's artifacts. */
    public void put(ArtifactRef ref, String contentType, byte[] content) {
        requireAllowed(ref);
        write(ref, contentType, content);
    }

    /**
     * Stores an object Signoff itself produces (an approved output too large for Step Functions) in a bucket named by
     * Signoff's own configuration, never by a workflow: that is why the read allowlist does not apply.
     */
    public void write(ArtifactRef ref, String contentType, byte[] content) {
        try {
            s3.putObject(
                    r -> r.bucket(ref.bucket()).key(ref.key()).contentType(contentType),
                    RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw translate(ref, e);
        }
    }

    public boolean isAllowed(String bucket) {
        return allowedBuckets.contains(bucket);
    }

    /** Whether Signoff refuses the artifact outright, from its bucket and key alone; calls nothing. */
    public Optional<ArtifactRefusal> refusal(ArtifactRef ref) {
        if (!isAllowed(ref.bucket())) {
            return Optional.of(ArtifactRefusal.BUCKET_NOT_ALLOWED);
        }
        if (ArtifactKeys.traverses(ref.key())) {
            return Optional.of(ArtifactRefusal.PATH_TRAVERSAL);
        }
        return Optional.empty();
    }

    private void requireAllowed(ArtifactRef ref) {
        Optional<ArtifactRefusal> refusal = refusal(ref);
        if (refusal.isEmpty()) {
            return;
        }
        LOG.warnf("Refused artifact %s: %s", ref, refusal.get().reason());
        throw switch (refusal.get()) {
            case BUCKET_NOT_ALLOWED -> ArtifactAccessDeniedException.bucketNotAllowed(ref);
            case PATH_TRAVERSAL -> new ArtifactKeyRefusedException(ref);
        };
    }

    private ResponseInputStream<GetObjectResponse> get(ArtifactRef ref) {
        return get(ref, null);
    }

    private ResponseInputStream<GetObjectResponse> get(ArtifactRef ref, String range) {
        try {
            return s3.getObject(r -> r.bucket(ref.bucket()).key(ref.key()).range(range));
        } catch (SdkException e) {
            throw translate(ref, e);
        } catch (UncheckedIOException e) {
            throw new ArtifactUnavailableException(ref, e);
        }
    }

    private static ArtifactException translate(ArtifactRef ref, SdkException e) {
        if (e instanceof S3Exception s3e) {
            if (s3e.statusCode() == 404) {
                return new ArtifactNotFoundException(ref, e);
            }
            if (s3e.statusCode() == 403) {
                LOG.warnf("S3 denied access to %s", ref);
                return ArtifactAccessDeniedException.refusedByS3(ref, e);
            }
        }
        LOG.errorf(e, "S3 failed while accessing %s", ref);
        return new ArtifactUnavailableException(ref, e);
    }

    private static String contentTypeOf(String s3ContentType) {
        return s3ContentType == null || s3ContentType.isBlank() ? OCTET_STREAM : s3ContentType;
    }
}
