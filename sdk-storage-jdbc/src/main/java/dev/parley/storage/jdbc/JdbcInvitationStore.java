package dev.parley.storage.jdbc;

import static java.util.Objects.requireNonNull;

import dev.parley.storage.InvitationRecord;
import dev.parley.storage.InvitationStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * An {@link InvitationStore} in the {@code parley_invitation} table.
 *
 * <p>Thread safety: safe for use by several threads at once; each call borrows its own pooled
 * connection and the store holds no other state. A purge is one {@code DELETE}: the database's
 * row locks see to it that concurrent purges remove, and count, each invitation once.
 */
final class JdbcInvitationStore implements InvitationStore {
  private static final Upsert PUT = Upsert.into("parley_invitation")
      .key("tenant", "VARCHAR").key("code", "VARCHAR").replace("operator_id", "VARCHAR")
      .replace("reusable", "BOOLEAN").replace("created_at_nanos", "BIGINT").replace("expires_at_nanos", "BIGINT")
      .replace("ended_at_nanos", "BIGINT").replace("end_reason", "VARCHAR");
  private static final String COLUMNS =
      "SELECT tenant, code, operator_id, reusable, created_at_nanos, expires_at_nanos,"
          + " ended_at_nanos, end_reason FROM parley_invitation";
  private static final String FIND = COLUMNS + " WHERE tenant = ? AND code = ?";
  // InvitationRecord.validAt: not ended, and now is before expiresAt.
  private static final String VALID =
      COLUMNS + " WHERE tenant = ? AND ended_at_nanos IS NULL AND expires_at_nanos > ?";
  private static final String PURGE =
      "DELETE FROM parley_invitation"
          + " WHERE tenant = ? AND (expires_at_nanos < ? OR ended_at_nanos < ?)";

  // The contract's order, applied in Java so that it never depends on the database's collation.
  private static final Comparator<InvitationRecord> ORDER =
      Comparator.comparing(InvitationRecord::createdAt).thenComparing(InvitationRecord::code);

  private final Database database;
  private final String put;

  JdbcInvitationStore(Database database) {
    this.database = database;
    this.put = database.dialect().upsert(PUT);
  }

  @Override
  public void put(InvitationRecord invitation) {
    requireNonNull(invitation, "invitation must not be null");
    long createdAt = EpochNanos.of("createdAt", invitation.createdAt());
    long expiresAt = EpochNanos.of("expiresAt", invitation.expiresAt());
    Instant ended = invitation.endedAt();
    Long endedAt = ended == null ? null : EpochNanos.of("endedAt", ended);
    database.run("store invitation " + key(invitation.tenant(), invitation.code()), c -> {
      try (PreparedStatement s = c.prepareStatement(put)) {
        s.setString(1, invitation.tenant());
        s.setString(2, invitation.code());
        s.setString(3, invitation.operator());
        s.setBoolean(4, invitation.reusable());
        s.setLong(5, createdAt);
        s.setLong(6, expiresAt);
        if (endedAt == null) {
          s.setNull(7, Types.BIGINT);
          s.setNull(8, Types.VARCHAR);
        } else {
          s.setLong(7, endedAt);
          s.setString(8, invitation.endReason());
        }
        return s.executeUpdate();
      }
    });
  }

  @Override
  public Optional<InvitationRecord> find(String tenant, String code) {
    requireNonNull(tenant, "tenant must not be null");
    requireNonNull(code, "code must not be null");
    return database.run("read invitation " + key(tenant, code), c -> {
      try (PreparedStatement s = c.prepareStatement(FIND)) {
        s.setString(1, tenant);
        s.setString(2, code);
        try (ResultSet rows = s.executeQuery()) {
          return rows.next() ? Optional.of(invitation(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public List<InvitationRecord> valid(String tenant, Instant now) {
    requireNonNull(tenant, "tenant must not be null");
    long at = EpochNanos.of("now", requireNonNull(now, "now must not be null"));
    return database.run("list the valid invitations of tenant " + tenant, c -> {
      try (PreparedStatement s = c.prepareStatement(VALID)) {
        s.setString(1, tenant);
        s.setLong(2, at);
        List<InvitationRecord> valid = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
          while (rows.next()) {
            valid.add(invitation(rows));
          }
        }
        valid.sort(ORDER);
        return List.copyOf(valid);
      }
    });
  }

  @Override
  public int purgeEndedBefore(String tenant, Instant cutoff) {
    requireNonNull(tenant, "tenant must not be null");
    long before = EpochNanos.of("cutoff", requireNonNull(cutoff, "cutoff must not be null"));
    return database.run("purge the invitations of tenant " + tenant + " ended before " + cutoff, c -> {
      try (PreparedStatement s = c.prepareStatement(PURGE)) {
        s.setString(1, tenant);
        s.setLong(2, before);
        s.setLong(3, before);
        return s.executeUpdate();
      }
    });
  }

  private static InvitationRecord invitation(ResultSet rows) throws SQLException {
    Instant endedAt = EpochNanos.read(rows, 7);
    return new InvitationRecord(
        rows.getString(1),
        rows.getString(2),
        rows.getString(3),
        rows.getBoolean(4),
        EpochNanos.toInstant(rows.getLong(5)),
        EpochNanos.toInstant(rows.getLong(6)),
        endedAt,
        rows.getString(8));
  }

  private static String key(String tenant, String code) {
    return tenant + "/" + code;
  }
}
