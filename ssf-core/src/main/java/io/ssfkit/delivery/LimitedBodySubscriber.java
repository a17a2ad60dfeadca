package io.ssfkit.delivery;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * Collects at most {@code limit} bytes of a response body without blocking, then cancels the subscription
 * so a receiver cannot make the transmitter read an endless body (PUSH-8). The bytes read so far become the
 * body. Signals arrive one at a time (reactive-streams rule 1.3), so no lock is needed.
 */
final class LimitedBodySubscriber implements BodySubscriber<byte[]> {

  private final int limit;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.@Nullable Subscription subscription;

  LimitedBodySubscriber(int limit) {
    this.limit = limit;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int room = limit - out.size();
      int take = Math.min(room, buffer.remaining());
      byte[] chunk = new byte[take];
      buffer.get(chunk);
      out.write(chunk, 0, take);
      if (buffer.hasRemaining()) {
        Flow.Subscription current = subscription;
        if (current != null) {
          current.cancel();
        }
        body.complete(out.toByteArray());
        return;
      }
    }
  }

  @Override
  public void onError(Throwable throwable) {
    body.completeExceptionally(throwable);
  }

  @Override
  public void onComplete() {
    body.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}
