package io.wharf.common.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock the test moves, for rules that depend on time (leases, expiries, caches) without
 * sleeping. Either standing still at a given instant until moved ({@link #MovableClock(Instant)}), or
 * running with the system clock and moved ahead of it ({@link #runningFromNow()}: for a whole Spring
 * context, whose own timers and HTTP clients need time to pass). Safe to read from any thread.
 */
public final class MovableClock extends Clock {

    private final Clock base;
    private volatile Duration offset = Duration.ZERO;

    public MovableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private MovableClock(Clock base) {
        this.base = base;
    }

    public static MovableClock runningFromNow() {
        return new MovableClock(Clock.systemUTC());
    }

    /** Moves the clock ahead (tests move it from one thread). */
    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to where it started: its instant, or the system's time. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
