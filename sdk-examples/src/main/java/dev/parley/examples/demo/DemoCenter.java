package dev.parley.examples.demo;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.Channel;
import dev.parley.core.Parley;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.storage.jdbc.JdbcStorage;
import dev.parley.core.TenantSettings;
import dev.parley.transport.netty.ParleyServer;
import dev.parley.transport.netty.SignedTokens;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running demo contact center: the engine on an embedded H2 database in the data directory,
 * the tenant {@code demo} (seeded on the first start), the WhatsApp webhook, and the Netty server
 * with the operator console, chat widget and admin pages. The key that signs the widgets' session
 * tokens is kept in the data directory too, so that after a restart (or a crash) on the same data
 * every client resumes his chat.
 *
 * <p>Thread safety: start and close on one thread; the parts it holds are thread-safe.
 */
public final class DemoCenter implements AutoCloseable {
  /** The demo's one tenant. */
  public static final TenantId TENANT = TenantId.of("demo");

  private static final Logger log = LoggerFactory.getLogger(DemoCenter.class);
  static final String PAGES = "dev/parley/examples/demo/web";

  private final DemoOptions options;
  private final JdbcStorage storage;
  private final Parley parley;
  private final ParleyServer server;
  private final boolean seeded;

  private DemoCenter(DemoOptions options, JdbcStorage storage, Parley parley) {
    this.options = options;
    this.storage = storage;
    this.parley = parley;
    Tenant tenant = parley.tenant(TENANT);
    seeded = DemoSeed.seedIfEmpty(tenant, storage);
    if (options.clientGrace().isPresent() || options.operatorGrace().isPresent()) {
      TenantSettings.Builder settings = tenant.snapshot().settings().toBuilder();
      options.clientGrace().ifPresent(settings::clientGrace);
      options.operatorGrace().ifPresent(settings::operatorGrace);
      tenant.configure(settings.build()).join();
    }
    ChannelGateway gateway = ChannelGateway.builder(parley, TENANT)
        .adapter(WhatsAppAdapter.builder(options.whatsAppPhoneNumberId(), options.whatsAppAccessToken().orElse("none"),
                options.whatsAppAppSecret(), options.whatsAppVerifyToken())
            .blocked(ChannelGateway.blacklist(parley, TENANT)).build())
        .queueUpdates(Channel.WHATSAPP)
        .build();
    server = ParleyServer.builder(parley)
        .bind(options.bind())
        .port(options.port())
        .authenticator(new DemoAuthenticator(TENANT, options.adminToken(), options.operatorPassword(),
            operator -> tenant.snapshot().status(operator).isPresent()))
        .tenant(TENANT)
        .clientTokens(SignedTokens.withKey(ClientTokenKey.in(options.dataDir())))
        .gateway(TENANT, gateway)
        .pages(DemoCenter.class.getClassLoader(), PAGES)
        .offlineForms((t, fields) -> log.info("offline form for {}: {}", t, fields))
        .build();
  }

  /**
   * Opens the data directory's database, seeds the tenant on the first start and starts serving.
   *
   * @throws java.io.UncheckedIOException if the port cannot be bound
   * @throws dev.parley.storage.StorageException if the database cannot be opened (another demo
   *     holds it, say)
   */
  static DemoCenter start(DemoOptions options) {
    JdbcStorage storage = JdbcStorage.h2(options.dataDir().resolve("parley")).build();
    Parley parley = null;
    try {
      parley = Parley.builder().storage(storage).build();
      DemoCenter center = new DemoCenter(options, storage, parley);
      center.server.start();
      return center;
    } catch (RuntimeException e) {
      if (parley != null) {
        parley.close();
      }
      storage.close();
      throw e;
    }
  }

  /** Where the pages are served, such as {@code http://127.0.0.1:8080}. */
  public URI uri() {
    return server.uri();
  }

  /** The engine, for tests that look behind the pages. */
  public Parley parley() {
    return parley;
  }

  /** Whether this start defined the tenant (the data directory was new). */
  boolean seeded() {
    return seeded;
  }

  DemoOptions options() {
    return options;
  }

  /** Stops serving (draining requests in flight), then the engine, then the database. */
  @Override
  public void close() {
    server.close();
    parley.close();
    storage.close();
  }
}
