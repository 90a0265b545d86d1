package dev.parley.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@link Storage#fenced} view of a storage in this process: a proxy of {@link Storage} whose
 * stores are the storage's own behind proxies that run every call as one batch {@linkplain
 * InProcessFences#guard guarded} by the fence. Proxies rather than hand-written decorators: the rule
 * is the same for every method of every store, and a store or method added to the SPI is fenced
 * without anyone remembering to. The view's default methods ({@link Storage#link}, {@link
 * Storage#eraseClient}, ...) run as the interface has them, on the view's fenced stores.
 *
 * <p>Thread safety: as thread-safe as the storage it views; its state is final after construction.
 */
final class InProcessFencedStorage implements InvocationHandler {
  private final Storage storage;
  private final InProcessFences fences;
  private final PartitionFence fence;
  /** Each store's getter on {@link Storage}, and the fenced proxy of the storage's store. */
  private final Map<Method, Object> stores = new HashMap<>();

  private InProcessFencedStorage(Storage storage, InProcessFences fences, PartitionFence fence) {
    this.storage = storage;
    this.fences = fences;
    this.fence = fence;
    for (Method m : Storage.class.getMethods()) {
      if (Modifier.isAbstract(m.getModifiers()) && m.getParameterCount() == 0 && m.getReturnType().isInterface()) {
        stores.put(m, guarded(m.getReturnType(), call(m, storage, null)));
      }
    }
  }

  /** The view of {@code storage} fenced by {@code fence}. */
  static Storage of(Storage storage, InProcessFences fences, PartitionFence fence) {
    return proxy(Storage.class, new InProcessFencedStorage(storage, fences, fence));
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Object store = stores.get(method);
    if (store != null) {
      return store;
    }
    if (method.getDeclaringClass() == Object.class) {
      return objectMethod(proxy, method, args, storage);
    }
    return switch (method.getName()) {
      case "fences" -> fences;
      case "fenced" -> of(storage, fences, (PartitionFence) args[0]);
      case "durable" -> storage.durable();
      case "close" -> null; // the storage owns what the view uses
      default -> InvocationHandler.invokeDefault(proxy, method, args);
    };
  }

  private Object guarded(Class<?> type, Object store) {
    return proxy(type, (proxy, method, args) -> method.getDeclaringClass() == Object.class
        ? objectMethod(proxy, method, args, store)
        : fences.guard(fence, () -> call(method, store, args)));
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private Object objectMethod(Object proxy, Method method, Object[] args, Object viewed) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      default -> viewed + " fenced by " + fence;
    };
  }

  private static Object call(Method method, Object target, Object[] args) {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("a store threw a checked exception it does not declare", cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("a store's public method could not be called: " + method, e);
    }
  }
}
