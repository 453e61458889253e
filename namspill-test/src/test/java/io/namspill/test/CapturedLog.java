package io.namspill.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the {@code System.Logger} named after a class writes while open: without a logging
 * framework on the class path, the JDK sends it to {@code java.util.logging}, read here.
 */
final class CapturedLog implements AutoCloseable {

    private final Logger logger;

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord logRecord) {
            records.add(logRecord);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private CapturedLog(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        this.logger.addHandler(handler);
    }

    static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    /** The messages logged at {@code WARNING}, in order. */
    List<String> warnings() {
        return records.stream().filter(logRecord -> logRecord.getLevel() == Level.WARNING).map(LogRecord::getMessage).toList();
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
