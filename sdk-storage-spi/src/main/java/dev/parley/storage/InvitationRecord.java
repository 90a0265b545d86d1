package dev.parley.storage;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An invitation: a six-digit code an operator gives a client so that the client's web chat or
 * video call is routed straight to him.
 *
 * <p>An invitation is valid from its creation until it expires or ends, whichever comes first. It
 * ends when a one-off code is used or someone invalidates it; an ended invitation keeps its record
 * (with {@code endedAt} and {@code endReason}) until it is {@linkplain
 * InvitationStore#purgeEndedBefore purged}.
 *
 * <pre>{@code
 * InvitationRecord invitation = new InvitationRecord(
 *     "acme", "042917", "alice", false, now, now.plus(Duration.ofHours(24)), null, null);
 * invitations.put(invitation);
 * // ... the client uses the one-off code:
 * invitations.put(invitation.end(later, "USED"));
 * }</pre>
 *
 * <p>Thread safety: immutable.
 *
 * @param tenant the tenant's id
 * @param code exactly six ASCII digits, unique within the tenant
 * @param operator the id of the operator the invited client is routed to
 * @param reusable whether the code may be used more than once until it expires
 * @param createdAt when the invitation was made
 * @param expiresAt when it stops being valid if nothing ends it before; after {@code createdAt}
 * @param endedAt when it ended, or null while it has not; not before {@code createdAt}
 * @param endReason why it ended (such as {@code USED}, {@code INVALIDATED}), or null while it has
 *     not
 */
public record InvitationRecord(
    String tenant,
    String code,
    String operator,
    boolean reusable,
    Instant createdAt,
    Instant expiresAt,
    @Nullable Instant endedAt,
    @Nullable String endReason) {

  /**
   * Checks the components.
   *
   * @throws NullPointerException if a non-nullable component is null; the message names it
   * @throws IllegalArgumentException if a text is blank, the code is not six ASCII digits, {@code
   *     expiresAt} is not after {@code createdAt}, {@code endedAt} is before {@code createdAt}, or
   *     only one of {@code endedAt} and {@code endReason} is set; the message shows the values
   */
  public InvitationRecord {
    FieldChecks.nonBlank("tenant", tenant);
    FieldChecks.invitationCode(code);
    FieldChecks.nonBlank("operator", operator);
    requireNonNull(createdAt, "createdAt must not be null");
    requireNonNull(expiresAt, "expiresAt must not be null");
    if (!expiresAt.isAfter(createdAt)) {
      throw new IllegalArgumentException(
          "expiresAt must be after createdAt " + createdAt + ", was: " + expiresAt);
    }
    if ((endedAt == null) != (endReason == null)) {
      throw new IllegalArgumentException(
          "endedAt and endReason must be both set or both null, were: " + endedAt + ", " + endReason);
    }
    if (endedAt != null && endedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException(
          "endedAt must not be before createdAt " + createdAt + ", was: " + endedAt);
    }
    if (endReason != null) {
      FieldChecks.nonBlank("endReason", endReason);
    }
  }

  /**
   * Whether a client may use the code at {@code now}: it has not ended, and {@code now} is before
   * {@code expiresAt}. An invitation that has expired but not yet been marked ended is not valid.
   */
  public boolean validAt(Instant now) {
    requireNonNull(now, "now must not be null");
    return endedAt == null && now.isBefore(expiresAt);
  }

  /**
   * Returns this invitation ended at {@code at} for {@code reason}; the other components are kept.
   *
   * @throws IllegalStateException if it has already ended
   * @throws IllegalArgumentException if {@code at} is before {@code createdAt} or {@code reason}
   *     is blank
   */
  public InvitationRecord end(Instant at, String reason) {
    if (endedAt != null) {
      throw new IllegalStateException(
          "invitation " + code + " of tenant " + tenant + " already ended at " + endedAt + " (" + endReason + ")");
    }
    requireNonNull(at, "endedAt must not be null");
    requireNonNull(reason, "endReason must not be null");
    return new InvitationRecord(tenant, code, operator, reusable, createdAt, expiresAt, at, reason);
  }
}
