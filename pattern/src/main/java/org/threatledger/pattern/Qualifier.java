package org.threatledger.pattern;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A qualifier on an observation expression (STIX 2.1 §9.3, "Qualifiers"). */
public sealed interface Qualifier {

    /** {@code WITHIN n SECONDS}: all observations matched fall within a window of this length (n normalised). */
    record Within(BigDecimal seconds) implements Qualifier {
        public Within {
            if (seconds.signum() <= 0) {
                throw new IllegalArgumentException("WITHIN needs a positive number of seconds, got " + seconds);
            }
            seconds = seconds.stripTrailingZeros(); // WITHIN 5.0 SECONDS is WITHIN 5 SECONDS
        }

        /** The window as a duration (fractions below a nanosecond are dropped). */
        public Duration window() {
            BigDecimal nanos = seconds.movePointRight(9);
            return Duration.ofNanos(nanos.min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
        }

        @Override
        public String toString() {
            return "WITHIN " + seconds.toPlainString() + " SECONDS";
        }
    }

    /** {@code REPEATS n TIMES}: the expression is matched n times, by distinct observations. */
    record Repeats(int times) implements Qualifier {
        public Repeats {
            if (times <= 0) {
                throw new IllegalArgumentException("REPEATS needs a positive number of times, got " + times);
            }
        }

        @Override
        public String toString() {
            return "REPEATS " + times + " TIMES";
        }
    }

    /** {@code START t'...' STOP t'...'}: observations from start (inclusive) to stop (exclusive). */
    record StartStop(Instant start, Instant stop) implements Qualifier {
        public StartStop {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(stop, "stop");
            if (!start.isBefore(stop)) {
                throw new IllegalArgumentException("START " + start + " must be before STOP " + stop);
            }
        }

        @Override
        public String toString() {
            return "START t'" + start + "' STOP t'" + stop + "'";
        }
    }
}
