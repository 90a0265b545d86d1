package dev.parley.core.channel;

/** The states a telephone call goes through, in the PBX's view. */
public enum CallState {
  /** The call reached the PBX and is ringing or waiting to be answered. */
  RINGING,
  /** Someone answered; the call is up. */
  IN_PROGRESS,
  /** The call ended after it was answered. */
  COMPLETED,
  /** The other side was busy. */
  BUSY,
  /** Nobody answered. */
  NO_ANSWER,
  /** The caller hung up before anyone answered. */
  CANCELED,
  /** The call could not be set up. */
  FAILED;

  /** Whether the call is over. */
  public boolean ended() {
    return this != RINGING && this != IN_PROGRESS;
  }
}
