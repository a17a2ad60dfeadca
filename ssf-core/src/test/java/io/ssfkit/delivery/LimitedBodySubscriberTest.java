package io.ssfkit.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("PUSH-8 response body cap")
class LimitedBodySubscriberTest {

  /** Records what the subscriber asks of its subscription. */
  private static final class RecordingSubscription implements Flow.Subscription {
    long requested;
    boolean cancelled;

    @Override
    public void request(long n) {
      requested += n;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void getBodyWhenBodyFitsThenWholeBody() {
    LimitedBodySubscriber subscriber = new LimitedBodySubscriber(10);
    RecordingSubscription subscription = new RecordingSubscription();
    subscriber.onSubscribe(subscription);
    subscriber.onNext(List.of(bytes("01234"), bytes("56789")));
    subscriber.onComplete();

    assertThat(subscriber.getBody().toCompletableFuture().join()).asString(StandardCharsets.US_ASCII)
        .isEqualTo("0123456789");
    assertThat(subscription.requested).isPositive();
    assertThat(subscription.cancelled).isFalse();
  }

  @Test
  void getBodyWhenBodyExceedsLimitThenTruncatedAndSubscriptionCancelled() {
    LimitedBodySubscriber subscriber = new LimitedBodySubscriber(8);
    RecordingSubscription subscription = new RecordingSubscription();
    subscriber.onSubscribe(subscription);
    subscriber.onNext(List.of(bytes("01234"), bytes("56789")));
    subscriber.onNext(List.of(bytes("more that is ignored")));

    assertThat(subscriber.getBody().toCompletableFuture().join()).asString(StandardCharsets.US_ASCII)
        .isEqualTo("01234567");
    assertThat(subscription.cancelled).isTrue();
  }

  @Test
  void getBodyWhenErrorThenCompletesExceptionally() {
    LimitedBodySubscriber subscriber = new LimitedBodySubscriber(8);
    subscriber.onSubscribe(new RecordingSubscription());
    subscriber.onError(new IOException("reset"));

    assertThat(subscriber.getBody().toCompletableFuture()).isCompletedExceptionally();
  }
}
