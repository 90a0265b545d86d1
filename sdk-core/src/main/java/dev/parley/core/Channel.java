package dev.parley.core;

/**
 * The ways a client reaches the contact center. Each operator has his own switch and capacity per
 * channel.
 *
 * <p>Three properties drive routing:
 *
 * <ul>
 *   <li>{@link #exclusive() exclusive} media (a live voice or video call) are offered only to an
 *       operator with nothing else in hand, and while he has one he is offered nothing else;
 *   <li>{@link #asynchronous() asynchronous} channels (messaging networks, e-mail) keep waiting
 *       when nobody is online, and the messaging networks can be reopened after the end;
 *   <li>{@link #needsPhoneLine()} channels go only to an operator whose phone line is available.
 * </ul>
 *
 * <p>An invitation code is not a channel: it is an {@link Entry} on web chat or video call that
 * names one operator.
 */
public enum Channel {
  /** The chat widget on the tenant's web pages. */
  WEB_CHAT(false, false, false, true),
  /** A video call from the widget. Exclusive. */
  VIDEO_CALL(true, false, false, true),
  /** A request to be called back on a phone number; the operator places the call. */
  CALLBACK(false, false, false, true),
  /** A call through IP telephony. Exclusive; needs the operator's phone line. */
  PHONE(true, false, true, false),
  /** Inbound e-mail. Asynchronous. */
  EMAIL(false, true, false, false),
  /** Facebook Messenger. Asynchronous, reopenable. */
  MESSENGER(false, true, false, false),
  /** WhatsApp. Asynchronous, reopenable. */
  WHATSAPP(false, true, false, false),
  /** Apple Messages for Business. Asynchronous, reopenable. */
  APPLE_MESSAGES(false, true, false, false),
  /** VKontakte. Asynchronous, reopenable. */
  VKONTAKTE(false, true, false, false);

  private final boolean exclusive;
  private final boolean asynchronous;
  private final boolean needsPhoneLine;
  private final boolean offlineForm;

  Channel(boolean exclusive, boolean asynchronous, boolean needsPhoneLine, boolean offlineForm) {
    this.exclusive = exclusive;
    this.asynchronous = asynchronous;
    this.needsPhoneLine = needsPhoneLine;
    this.offlineForm = offlineForm;
  }

  /** Whether a session of this channel must be the operator's only one. */
  public boolean exclusive() {
    return exclusive;
  }

  /**
   * Whether the client need not be present: such sessions wait when nobody is online instead of
   * being refused.
   */
  public boolean asynchronous() {
    return asynchronous;
  }

  /** Whether an ended session of this channel may be continued as a new, linked one. */
  public boolean reopenable() {
    return asynchronous && this != EMAIL;
  }

  /**
   * Whether the client is there through a connection the transport holds (the widget's socket for
   * web chat, video call and callback): when his last connection is gone for the {@linkplain
   * TenantSettings#clientGrace() client grace}, he has left. Messaging networks, e-mail and phone
   * calls have no such connection (a call's end is its own fact).
   */
  public boolean connected() {
    return !asynchronous && !needsPhoneLine;
  }

  /** Whether only operators with an available phone line may take it. */
  public boolean needsPhoneLine() {
    return needsPhoneLine;
  }

  /**
   * Whether a client refused because nobody is online is shown the offline form (web chat, video
   * call, callback); a phone caller is simply told the center is closed.
   */
  public boolean offersOfflineForm() {
    return offlineForm;
  }

  /** The default number of sessions of this channel an operator handles at once. */
  public int defaultCapacity() {
    return exclusive ? 1 : 3;
  }
}
