package dev.parley.webhooks;

import dev.parley.core.ParleyException;
import dev.parley.core.TenantId;

/** The tenant has no webhook subscription with this id. */
public final class NoSuchSubscriptionException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final TenantId tenant;
  private final String subscription;

  public NoSuchSubscriptionException(TenantId tenant, String subscription) {
    super("tenant " + tenant + " has no webhook subscription " + subscription + ": subscribe it first");
    this.tenant = tenant;
    this.subscription = subscription;
  }

  /** The tenant. */
  public TenantId tenant() {
    return tenant;
  }

  /** The unknown id. */
  public String subscription() {
    return subscription;
  }
}
