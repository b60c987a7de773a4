package com.acme.billing.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** An invoice parsed from CSV lines of the form {@code description;quantity;unitPrice}. */
public record Invoice(List<Line> lines, BigDecimal taxRate) {

    public record Line(String description, int quantity, BigDecimal unitPrice) {
        BigDecimal amount() {
            return unitPrice.multiply(BigDecimal.valueOf(quantity));
        }
    }

    public static Invoice parse(String csv, BigDecimal taxRate) {
        List<Line> lines = new ArrayList<>();
        int n = 0;
        for (String raw : csv.split("\\R")) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(";");
            if (f.length != 3) {
                throw new IllegalArgumentException("line " + n + ": expected description;quantity;unitPrice");
            }
            lines.add(new Line(f[0].strip(), Integer.parseInt(f[1].strip()), new BigDecimal(f[2].strip())));
        }
        return new Invoice(List.copyOf(lines), taxRate);
    }

    public BigDecimal net() {
        return lines.stream().map(Line::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(2, RoundingMode.HALF_EVEN);
    }

    public BigDecimal tax() {
        return net().multiply(taxRate).setScale(2, RoundingMode.HALF_EVEN);
    }

    public BigDecimal gross() {
        return net().add(tax());
    }
}
