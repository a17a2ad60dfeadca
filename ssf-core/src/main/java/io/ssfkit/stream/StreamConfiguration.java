package io.ssfkit.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stream: its configuration (SSF 1.0 section 8.1.1), its status, and the bookkeeping the store needs.
 *
 * <p>Instances are immutable and always valid: in particular {@code eventsDelivered} is a subset of
 * {@code eventsSupported} ∩ {@code eventsRequested} (CFG-4). Build one with {@link #builder()} or change one
 * with {@link #toBuilder()}.
 *
 * @param streamId the stream's identifier
 * @param owner the organization and client the stream belongs to
 * @param issuer the transmitter's issuer, the {@code iss} of the stream and of every SET on it
 * @param audience the {@code aud} of the stream, set by the transmitter and never changed
 * @param delivery how SETs reach the receiver
 * @param eventsSupported the event-type URIs the transmitter supports
 * @param eventsRequested the event-type URIs the receiver asked for, as it sent them (unknown ones included)
 * @param eventsDelivered the event-type URIs that are delivered on this stream
 * @param description the receiver's description, or null
 * @param inactivityTimeout the inactivity timeout in seconds, or null when none is enforced
 * @param minVerificationInterval the minimum seconds between verification requests, or null when none
 * @param status the operational status
 * @param statusReason why the stream has its status, or null
 * @param createdAt when the stream was created
 * @param updatedAt when its configuration or status last changed
 * @param lastVerificationAt when the receiver last asked for a verification SET, or null; for
 *     {@code min_verification_interval} (VERIFY-4)
 * @param pendingStatus a transmitter-initiated status change waiting for its stream-updated SET, or null
 * @param version the store's version of this record, for optimistic concurrency; 0 before it is stored
 */
public record StreamConfiguration(
    StreamId streamId,
    StreamOwner owner,
    String issuer,
    String audience,
    Delivery delivery,
    List<String> eventsSupported,
    List<String> eventsRequested,
    List<String> eventsDelivered,
    @Nullable String description,
    @Nullable Integer inactivityTimeout,
    @Nullable Integer minVerificationInterval,
    StreamStatus status,
    @Nullable String statusReason,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Instant lastVerificationAt,
    @Nullable PendingStatus pendingStatus,
    long version) {

  /**
   * Validates the configuration and copies its lists.
   *     supported ∩ requested
   *
   * @param streamId the stream's identifier
   * @param owner the organization and client the stream belongs to
   * @param issuer the transmitter's issuer, the {@code iss} of the stream and of every SET on it
   * @param audience the {@code aud} of the stream, set by the transmitter and never changed
   * @param delivery how SETs reach the receiver
   * @param eventsSupported the event-type URIs the transmitter supports
   * @param eventsRequested the event-type URIs the receiver asked for, as it sent them (unknown ones included)
   * @param eventsDelivered the event-type URIs that are delivered on this stream
   * @param description the receiver's description, or null
   * @param inactivityTimeout the inactivity timeout in seconds, or null when none is enforced
   * @param minVerificationInterval the minimum seconds between verification requests, or null when none
   * @param status the operational status
   * @param statusReason why the stream has its status, or null
   * @param createdAt when the stream was created
   * @param updatedAt when its configuration or status last changed
   * @param lastVerificationAt when the receiver last asked for a verification SET, or null; for
   *     {@code min_verification_interval} (VERIFY-4)
   * @param pendingStatus a transmitter-initiated status change waiting for its stream-updated SET, or null
   * @param version the store's version of this record, for optimistic concurrency; 0 before it is stored
   * @throws IllegalArgumentException if a part is invalid or {@code eventsDelivered} is not a subset of
   */
  public StreamConfiguration {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    eventsSupported = List.copyOf(eventsSupported);
    eventsRequested = List.copyOf(eventsRequested);
    eventsDelivered = List.copyOf(eventsDelivered);
    if (issuer.isBlank()) {
      throw new IllegalArgumentException("issuer must not be blank");
    }
    if (audience.isBlank()) {
      throw new IllegalArgumentException("audience must not be blank");
    }
    Set<String> allowed = new HashSet<>(eventsSupported);
    allowed.retainAll(new HashSet<>(eventsRequested));
    if (!allowed.containsAll(eventsDelivered)) {
      throw new IllegalArgumentException(
          "eventsDelivered must be a subset of eventsSupported ∩ eventsRequested");
    }
    if (inactivityTimeout != null && inactivityTimeout <= 0) {
      throw new IllegalArgumentException("inactivityTimeout must be positive, but was " + inactivityTimeout);
    }
    if (minVerificationInterval != null && minVerificationInterval < 0) {
      throw new IllegalArgumentException(
          "minVerificationInterval must not be negative, but was " + minVerificationInterval);
    }
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative, but was " + version);
    }
  }

  /**
   * Returns the status of this stream as the status endpoint reports it.
   *
   * @return the status report
   */
  public StreamStatusReport statusReport() {
    return new StreamStatusReport(streamId, status, statusReason);
  }

  /**
   * Computes the delivered event types: those requested that are also supported, in the order requested,
   * without duplicates (CFG-3, CFG-4).
   *
   * @param supported the event types the transmitter supports
   * @param requested the event types the receiver asked for
   * @return the delivered event types
   */
  public static List<String> negotiateEvents(List<String> supported, List<String> requested) {
    Set<String> known = new HashSet<>(supported);
    List<String> delivered = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String type : requested) {
      if (known.contains(type) && seen.add(type)) {
        delivered.add(type);
      }
    }
    return List.copyOf(delivered);
  }

  /**
   * Starts a builder.
   *
   * @return an empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a builder pre-filled with this configuration.
   *
   * @return a builder holding every part of this configuration
   */
  public Builder toBuilder() {
    return new Builder()
        .streamId(streamId)
        .owner(owner)
        .issuer(issuer)
        .audience(audience)
        .delivery(delivery)
        .eventsSupported(eventsSupported)
        .eventsRequested(eventsRequested)
        .eventsDelivered(eventsDelivered)
        .description(description)
        .inactivityTimeout(inactivityTimeout)
        .minVerificationInterval(minVerificationInterval)
        .status(status)
        .statusReason(statusReason)
        .createdAt(createdAt)
        .updatedAt(updatedAt)
        .lastVerificationAt(lastVerificationAt)
        .pendingStatus(pendingStatus)
        .version(version);
  }

  /** Builds a {@link StreamConfiguration}; not thread-safe. */
  public static final class Builder {
    private @Nullable StreamId streamId;
    private @Nullable StreamOwner owner;
    private @Nullable String issuer;
    private @Nullable String audience;
    private @Nullable Delivery delivery;
    private List<String> eventsSupported = List.of();
    private List<String> eventsRequested = List.of();
    private List<String> eventsDelivered = List.of();
    private @Nullable String description;
    private @Nullable Integer inactivityTimeout;
    private @Nullable Integer minVerificationInterval;
    private StreamStatus status = StreamStatus.ENABLED;
    private @Nullable String statusReason;
    private @Nullable Instant createdAt;
    private @Nullable Instant updatedAt;
    private @Nullable Instant lastVerificationAt;
    private @Nullable PendingStatus pendingStatus;
    private long version;

    private Builder() {}

    /**
     * Sets the stream ID.
     *
     * @param streamId the stream ID
     * @return this builder
     */
    public Builder streamId(StreamId streamId) {
      this.streamId = streamId;
      return this;
    }

    /**
     * Sets the owner.
     *
     * @param owner the owner
     * @return this builder
     */
    public Builder owner(StreamOwner owner) {
      this.owner = owner;
      return this;
    }

    /**
     * Sets the issuer.
     *
     * @param issuer the issuer
     * @return this builder
     */
    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    /**
     * Sets the audience.
     *
     * @param audience the audience
     * @return this builder
     */
    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    /**
     * Sets the delivery.
     *
     * @param delivery the delivery
     * @return this builder
     */
    public Builder delivery(Delivery delivery) {
      this.delivery = delivery;
      return this;
    }

    /**
     * Sets the supported event types.
     *
     * @param eventsSupported the event-type URIs
     * @return this builder
     */
    public Builder eventsSupported(List<String> eventsSupported) {
      this.eventsSupported = eventsSupported;
      return this;
    }

    /**
     * Sets the requested event types.
     *
     * @param eventsRequested the event-type URIs
     * @return this builder
     */
    public Builder eventsRequested(List<String> eventsRequested) {
      this.eventsRequested = eventsRequested;
      return this;
    }

    /**
     * Sets the delivered event types.
     *
     * @param eventsDelivered the event-type URIs
     * @return this builder
     */
    public Builder eventsDelivered(List<String> eventsDelivered) {
      this.eventsDelivered = eventsDelivered;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description the description, or null
     * @return this builder
     */
    public Builder description(@Nullable String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the inactivity timeout.
     *
     * @param seconds the timeout in seconds, or null
     * @return this builder
     */
    public Builder inactivityTimeout(@Nullable Integer seconds) {
      this.inactivityTimeout = seconds;
      return this;
    }

    /**
     * Sets the minimum verification interval.
     *
     * @param seconds the interval in seconds, or null
     * @return this builder
     */
    public Builder minVerificationInterval(@Nullable Integer seconds) {
      this.minVerificationInterval = seconds;
      return this;
    }

    /**
     * Sets the status.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(StreamStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Sets the status reason.
     *
     * @param statusReason the reason, or null
     * @return this builder
     */
    public Builder statusReason(@Nullable String statusReason) {
      this.statusReason = statusReason;
      return this;
    }

    /**
     * Sets the creation time.
     *
     * @param createdAt the creation time
     * @return this builder
     */
    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    /**
     * Sets the time of the last change.
     *
     * @param updatedAt the time of the last change
     * @return this builder
     */
    public Builder updatedAt(Instant updatedAt) {
      this.updatedAt = updatedAt;
      return this;
    }

    /**
     * Sets when the receiver last asked for a verification SET.
     *
     * @param at the time, or null
     * @return this builder
     */
    public Builder lastVerificationAt(@Nullable Instant at) {
      this.lastVerificationAt = at;
      return this;
    }

    /**
     * Sets the transmitter-initiated status change that waits for its stream-updated SET.
     *
     * @param pending the pending change, or null
     * @return this builder
     */
    public Builder pendingStatus(@Nullable PendingStatus pending) {
      this.pendingStatus = pending;
      return this;
    }

    /**
     * Sets the store version.
     *
     * @param version the version
     * @return this builder
     */
    public Builder version(long version) {
      this.version = version;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     * @throws NullPointerException if a required part is missing
     * @throws IllegalArgumentException if a part is invalid
     */
    public StreamConfiguration build() {
      return new StreamConfiguration(
          Objects.requireNonNull(streamId, "streamId"),
          Objects.requireNonNull(owner, "owner"),
          Objects.requireNonNull(issuer, "issuer"),
          Objects.requireNonNull(audience, "audience"),
          Objects.requireNonNull(delivery, "delivery"),
          eventsSupported,
          eventsRequested,
          eventsDelivered,
          description,
          inactivityTimeout,
          minVerificationInterval,
          status,
          statusReason,
          Objects.requireNonNull(createdAt, "createdAt"),
          updatedAt == null ? createdAt : updatedAt,
          lastVerificationAt,
          pendingStatus,
          version);
    }
  }
}
