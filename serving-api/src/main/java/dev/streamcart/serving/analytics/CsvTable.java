package dev.streamcart.serving.analytics;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes report rows as RFC 4180 CSV: a header of the row record's component names, then one line
 * per row. Text that a spreadsheet would run as a formula (a product name starting with '=', say)
 * is prefixed with an apostrophe; numbers, money strings and instants are written as they are.
 */
final class CsvTable {

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private CsvTable() {}

    static <R extends Record> String write(Class<R> rowType, List<R> rows) {
        RecordComponent[] columns = rowType.getRecordComponents();
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < columns.length; i++) {
            csv.append(i == 0 ? "" : ",").append(columns[i].getName());
        }
        csv.append("\r\n");
        for (R row : rows) {
            for (int i = 0; i < columns.length; i++) {
                csv.append(i == 0 ? "" : ",").append(cell(value(columns[i], row)));
            }
            csv.append("\r\n");
        }
        return csv.toString();
    }

    private static Object value(RecordComponent column, Record row) {
        try {
            return column.getAccessor().invoke(row);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + column.getName() + " of " + row.getClass(), e);
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !NUMBER.matcher(text).matches()) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
