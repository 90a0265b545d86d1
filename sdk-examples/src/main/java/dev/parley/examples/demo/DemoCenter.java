package dev.parley.examples.demo;

import dev.parley.channels.ChannelGateway;
import dev.parley.channels.email.EmailAdapter;
import dev.parley.channels.email.OutboxMailer;
import dev.parley.channels.whatsapp.WhatsAppAdapter;
import dev.parley.core.Channel;
import dev.parley.core.Parley;
import dev.parley.core.Tenant;
import dev.parley.core.TenantId;
import dev.parley.storage.jdbc.JdbcStorage;
import dev.parley.core.TenantSettings;
import dev.parley.core.stats.StatisticsSettings;
import dev.parley.transport.netty.ParleyServer;
import dev.parley.transport.netty.SignedTokens;
import dev.parley.webhooks.Webhooks;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A running demo contact center: the engine on the embedded SQLite database in the data directory,
 * the tenant {@code demo} (seeded on the first start), the WhatsApp webhook, the webhook
 * subscriptions the admin page makes, and the Netty server with the operator console, chat widget
 * and admin pages (whose dashboard draws the statistics sampled every 10 s for six hours); given an
 * SMTP server, it mails offline forms to the tenant's address and transcripts to clients. The key
 * that signs the widgets' session tokens is kept in the data directory too, so that after a
 * restart (or a crash) on the same data every client resumes his chat.
 *
 * <p>Thread safety: start and close on one thread; the parts it holds are thread-safe.
 */
public final class DemoCenter implements AutoCloseable {
  /** The demo's one tenant. */
  public static final TenantId TENANT = TenantId.of("demo");

  static final String PAGES = "dev/parley/examples/demo/web";
  /** The sender of the demo's mails. */
  private static final String MAIL_FROM = "support@demo.example";

  private final DemoOptions options;
  private final JdbcStorage storage;
  private final Parley parley;
  private final Webhooks webhooks;
  private final ParleyServer server;
  /** Mails offline forms and transcripts, when the demo was given an SMTP server. */
  private final @Nullable OutboxMailer mailer;
  private final boolean seeded;

  private DemoCenter(DemoOptions options, JdbcStorage storage, Parley parley, Webhooks webhooks) {
    this.options = options;
    this.storage = storage;
    this.parley = parley;
    this.webhooks = webhooks;
    Tenant tenant = parley.tenant(TENANT);
    seeded = DemoSeed.seedIfEmpty(tenant, storage);
    if (options.clientGrace().isPresent() || options.operatorGrace().isPresent()) {
      TenantSettings.Builder settings = tenant.snapshot().settings().toBuilder();
      options.clientGrace().ifPresent(settings::clientGrace);
      options.operatorGrace().ifPresent(settings::operatorGrace);
      tenant.configure(settings.build()).join();
    }
    WhatsAppAdapter.Builder whatsApp = WhatsAppAdapter.builder(options.whatsAppPhoneNumberId(),
            options.whatsAppAccessToken().orElse("none"), options.whatsAppAppSecret(), options.whatsAppVerifyToken())
        .blocked(ChannelGateway.blacklist(parley, TENANT));
    options.whatsAppGraphUrl().ifPresent(whatsApp::baseUrl);
    ChannelGateway gateway = ChannelGateway.builder(parley, TENANT)
        .adapter(whatsApp.build())
        .queueUpdates(Channel.WHATSAPP)
        .build();
    mailer = options.mail().map(mail -> OutboxMailer.builder(parley, TENANT,
            EmailAdapter.builder(MAIL_FROM).fromName("Parley demo").smtp(mail.host(), mail.port()).build())
        .offlineFormsTo(mail.offlineFormsTo()).build()).orElse(null);
    server = ParleyServer.builder(parley)
        .bind(options.bind())
        .port(options.port())
        .authenticator(new DemoAuthenticator(TENANT, options.adminToken(), options.operatorPassword(),
            operator -> tenant.snapshot().status(operator).isPresent()))
        .tenant(TENANT)
        .clientTokens(SignedTokens.withKey(ClientTokenKey.in(options.dataDir())))
        .gateway(TENANT, gateway)
        .pages(DemoCenter.class.getClassLoader(), PAGES)
        .webhooks(webhooks)
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
    JdbcStorage storage = JdbcStorage.embedded(options.dataDir().resolve("parley.db")).build();
    Parley parley = null;
    Webhooks webhooks = null;
    try {
      // the outbox: what the mailer and the webhooks send
      parley = Parley.builder().storage(storage).outbox().statistics(StatisticsSettings.builder()
          .history(Duration.ofHours(6), Duration.ofSeconds(10)).build()).build();
      webhooks = Webhooks.builder(parley).build().start();
      DemoCenter center = new DemoCenter(options, storage, parley, webhooks);
      center.server.start();
      return center;
    } catch (RuntimeException e) {
      if (webhooks != null) {
        webhooks.close();
      }
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

  /** Stops serving (draining requests in flight), then the mailer, the webhooks, the engine, the database. */
  @Override
  public void close() {
    server.close();
    if (mailer != null) {
      mailer.close();
    }
    webhooks.close();
    parley.close();
    storage.close();
  }
}
