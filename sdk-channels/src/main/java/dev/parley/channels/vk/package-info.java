/** VKontakte communities: the Callback API in, {@code messages.send} out. */
@NullMarked
package dev.parley.channels.vk;

import org.jspecify.annotations.NullMarked;
