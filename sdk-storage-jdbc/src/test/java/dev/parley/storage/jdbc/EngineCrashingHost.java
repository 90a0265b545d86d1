package dev.parley.storage.jdbc;

import dev.parley.core.Actor;
import dev.parley.core.Channel;
import dev.parley.core.Entry;
import dev.parley.core.GroupId;
import dev.parley.core.GroupSpec;
import dev.parley.core.OperatorId;
import dev.parley.core.OperatorSpec;
import dev.parley.core.OperatorStatus;
import dev.parley.core.Parley;
import dev.parley.core.SessionId;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;

/**
 * Run in a child JVM by {@link EngineCrashTest}: a host with the engine on the file given as the
 * second argument, an H2 or SQLite database as the first says ({@code h2} or {@code sqlite}), taking clients and their first messages as fast as it can and printing each
 * one the engine acknowledged, until it is killed.
 */
final class EngineCrashingHost {
  static final TenantId ACME = TenantId.of("acme");
  static final GroupId SALES = GroupId.of("sales");

  private EngineCrashingHost() {}

  public static void main(String[] args) {
    JdbcStorage storage = CrashingSessionWriter.open(args[0], args[1]).build();
    Parley parley = Parley.builder().storage(storage).build();
    Tenant acme = parley.tenant(ACME);
    acme.defineGroup(GroupSpec.builder(SALES).build()).join();
    OperatorId alice = OperatorId.of("alice");
    acme.defineOperator(OperatorSpec.builder(alice).group(SALES).channel(Channel.WEB_CHAT, 2).build()).join();
    acme.setStatus(alice, OperatorStatus.ONLINE).join();
    for (int n = 0; ; n++) {
      SessionId s = SessionId.of("s" + n);
      acme.arrive(s, Entry.builder(Channel.WEB_CHAT).client("visitor-" + n).group(SALES).build()).join();
      acme.post(s, Actor.CLIENT, "m" + n, "message " + n).join();
      System.out.println("acked " + n);
      System.out.flush();
    }
  }
}
