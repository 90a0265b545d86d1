package dev.parley.core;

/** No group has this id in the tenant. */
public final class NoSuchGroupException extends ParleyException {
  private static final long serialVersionUID = 1L;
  private final GroupId group;

  public NoSuchGroupException(GroupId group) {
    super("no group " + group + " in this tenant; define it first");
    this.group = group;
  }

  /** The unknown id. */
  public GroupId group() {
    return group;
  }
}
