package dev.parley.channels.internal;

import dev.parley.channels.RetryPolicy;
import dev.parley.core.channel.SendOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Sends one vendor API request with retries and a rate limit: each attempt first takes a token
 * from the account's bucket (waiting on the scheduler if the bucket is in debt), then goes out on
 * OkHttp's dispatcher; the {@link ResponseReader} decides whether it succeeded, is worth retrying
 * (after {@code Retry-After} or a jittered exponential back-off) or is refused for good.
 *
 * <p>Thread safety: safe for concurrent sends; it holds no mutable state besides the bucket.
 */
public final class HttpSender {
  private static final long MAX_BODY = 64 * 1024;

  private final OkHttpClient client;
  private final RetryPolicy policy;
  private final TokenBucket bucket;
  private final ScheduledExecutorService scheduler;
  private final ResponseReader reader;

  /** A sender over {@code client}, retrying by {@code policy}, limited by {@code bucket}. */
  public HttpSender(OkHttpClient client, RetryPolicy policy, TokenBucket bucket,
      ScheduledExecutorService scheduler, ResponseReader reader) {
    this.client = client;
    this.policy = policy;
    this.bucket = bucket;
    this.scheduler = scheduler;
    this.reader = reader;
  }

  /** Sends {@code request}; the future completes with the outcome, never exceptionally but for bugs. */
  public CompletableFuture<SendOutcome> send(Request request) {
    CompletableFuture<SendOutcome> result = new CompletableFuture<>();
    attempt(request, 1, result);
    return result;
  }

  private void attempt(Request request, int n, CompletableFuture<SendOutcome> result) {
    long wait = bucket.reserve();
    if (wait == 0) {
      call(request, n, result);
    } else {
      schedule(() -> call(request, n, result), wait, result, n);
    }
  }

  private void call(Request request, int n, CompletableFuture<SendOutcome> result) {
    client.newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        retryOrFail(request, n, "network error: " + e, null, result);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          String body = response.peekBody(MAX_BODY).string();
          Verdict verdict = reader.read(response.code(), response.headers(), body);
          if (verdict instanceof Verdict.Success s) {
            result.complete(new SendOutcome.Sent(s.messageId(), n));
          } else if (verdict instanceof Verdict.Reject r) {
            result.complete(new SendOutcome.Rejected(r.status(), r.reason()));
          } else {
            Verdict.Retry r = (Verdict.Retry) verdict;
            retryOrFail(request, n, r.reason(), r.after(), result);
          }
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      }
    });
  }

  private void retryOrFail(Request request, int n, String reason, @Nullable Duration after,
      CompletableFuture<SendOutcome> result) {
    if (n >= policy.maxAttempts()) {
      result.complete(new SendOutcome.Failed(reason, n));
      return;
    }
    if (after != null && after.compareTo(policy.maxRetryAfter()) > 0) {
      result.complete(new SendOutcome.Failed(reason + " (the vendor asks to wait " + after
          + ", more than the " + policy.maxRetryAfter() + " allowed)", n));
      return;
    }
    Duration wait = after != null ? after : policy.backoff(n, ThreadLocalRandom.current().nextDouble());
    schedule(() -> attempt(request, n + 1, result), wait.toNanos(), result, n);
  }

  private void schedule(Runnable task, long nanos, CompletableFuture<SendOutcome> result, int n) {
    try {
      scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      result.complete(new SendOutcome.Failed("the sender's scheduler is shut down", n));
    }
  }
}
