/** Facebook Messenger Platform: page webhooks in, the Send API out. */
@NullMarked
package dev.parley.channels.messenger;

import org.jspecify.annotations.NullMarked;
