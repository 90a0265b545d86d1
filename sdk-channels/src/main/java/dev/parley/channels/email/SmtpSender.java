package dev.parley.channels.email;

import dev.parley.channels.RetryPolicy;
import dev.parley.core.channel.SendOutcome;
import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.jspecify.annotations.Nullable;

/**
 * Hands messages to the SMTP server on the blocking executor, retrying what SMTP calls transient
 * (4xx replies, lost connections) with the retry policy's back-off, and refusing 5xx replies.
 */
final class SmtpSender {
  private final Executor executor;
  private final ScheduledExecutorService scheduler;
  private final RetryPolicy policy;
  private final @Nullable String user;
  private final @Nullable String password;

  SmtpSender(Executor executor, ScheduledExecutorService scheduler, RetryPolicy policy,
      @Nullable String user, @Nullable String password) {
    this.executor = executor;
    this.scheduler = scheduler;
    this.policy = policy;
    this.user = user;
    this.password = password;
  }

  CompletableFuture<SendOutcome> send(MimeMessage message, String messageId) {
    CompletableFuture<SendOutcome> result = new CompletableFuture<>();
    attempt(message, messageId, 1, result);
    return result;
  }

  private void attempt(MimeMessage message, String messageId, int n, CompletableFuture<SendOutcome> result) {
    try {
      executor.execute(() -> {
        try {
          if (user != null) {
            Transport.send(message, user, password);
          } else {
            Transport.send(message);
          }
          result.complete(new SendOutcome.Sent(messageId, n));
        } catch (MessagingException e) {
          int code = replyCode(e);
          if (code >= 500) {
            result.complete(new SendOutcome.Rejected(code, "SMTP " + code + ": " + e.getMessage()));
          } else if (n >= policy.maxAttempts()) {
            result.complete(new SendOutcome.Failed("SMTP: " + e.getMessage(), n));
          } else {
            retryLater(message, messageId, n, result);
          }
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.complete(new SendOutcome.Failed("the mail executor is shut down", n));
    }
  }

  private void retryLater(MimeMessage message, String messageId, int n, CompletableFuture<SendOutcome> result) {
    long wait = policy.backoff(n, ThreadLocalRandom.current().nextDouble()).toNanos();
    try {
      scheduler.schedule(() -> attempt(message, messageId, n + 1, result), wait, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      result.complete(new SendOutcome.Failed("the retry scheduler is shut down", n));
    }
  }

  /** The SMTP reply code somewhere in the exception's chain, or 0 (a connection problem). */
  private static int replyCode(MessagingException e) {
    for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
      if (x instanceof SMTPSendFailedException s) {
        return s.getReturnCode();
      }
      if (x instanceof SMTPAddressFailedException a) {
        return a.getReturnCode();
      }
    }
    return 0;
  }
}
