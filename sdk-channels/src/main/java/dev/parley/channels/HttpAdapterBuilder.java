package dev.parley.channels;

import dev.parley.channels.internal.Defaults;
import dev.parley.channels.internal.HttpSender;
import dev.parley.channels.internal.Outbound;
import dev.parley.channels.internal.ResponseReader;
import dev.parley.channels.internal.TokenBucket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The settings of adapters that send over a vendor's HTTP API: its base URL (point it at a test
 * server), the OkHttp client, the retry policy, the account's rate limit, and the scheduler and
 * ticker that time waits.
 *
 * @param <B> the concrete builder
 */
public abstract class HttpAdapterBuilder<B extends HttpAdapterBuilder<B>> extends AdapterBuilder<B> {
  private HttpUrl baseUrl;
  private OkHttpClient httpClient = Defaults.httpClient();
  private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
  private RateLimit rateLimit;
  private ScheduledExecutorService scheduler = Defaults.scheduler();
  private LongSupplier ticker = System::nanoTime;

  /** With the vendor's defaults. */
  protected HttpAdapterBuilder(Duration deduplicationWindow, int maxInboundBytes, String baseUrl, RateLimit rateLimit) {
    super(deduplicationWindow, maxInboundBytes);
    this.baseUrl = HttpUrl.get(baseUrl);
    this.rateLimit = rateLimit;
  }

  /** The vendor API's base URL, e.g. {@code https://graph.facebook.com/v23.0/}. */
  public B baseUrl(String url) {
    Objects.requireNonNull(url, "url");
    HttpUrl parsed = HttpUrl.parse(url);
    if (parsed == null) {
      throw new IllegalArgumentException("not an http(s) URL: " + url);
    }
    this.baseUrl = parsed;
    return self();
  }

  /** The OkHttp client to share; default one client shared by all adapters. */
  public B httpClient(OkHttpClient client) {
    this.httpClient = Objects.requireNonNull(client, "client");
    return self();
  }

  /** How failed calls are retried. */
  public B retryPolicy(RetryPolicy policy) {
    this.retryPolicy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /** How fast this account may be called. */
  public B rateLimit(RateLimit limit) {
    this.rateLimit = Objects.requireNonNull(limit, "limit");
    return self();
  }

  /** Times retries and rate-limit waits; its tasks are short hand-offs. Default: one shared daemon thread. */
  public B scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return self();
  }

  /** The nanosecond ticker of the rate limit; default {@link System#nanoTime()}. */
  public B ticker(LongSupplier ticker) {
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    return self();
  }

  /** The outbound settings: a sender reading answers with {@code reader}, and the base URL. */
  protected final Outbound outbound(ResponseReader reader) {
    return new Outbound(new HttpSender(httpClient, retryPolicy, new TokenBucket(rateLimit, ticker), scheduler, reader), baseUrl);
  }
}
