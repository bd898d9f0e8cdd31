package org.arturo.tf;

/**
 * A hyperparameter was NaN, infinite or outside its valid range. Thrown while a configuration or
 * schedule is built, before any graph op exists, so a bad value never reaches a session.
 */
public final class InvalidHyperparameterException extends IllegalArgumentException {
    private final String parameter;
    private final String value;
    private final String validRange;

    public InvalidHyperparameterException(String parameter, Object value, String validRange) {
        super(parameter + " = " + value + " is invalid: valid range is " + validRange);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.validRange = validRange;
    }

    /** The parameter's name as the builder (and the Kotlin DSL) spells it, e.g. {@code epsilon}. */
    public String parameter() {
        return parameter;
    }

    /** The rejected value as text. */
    public String value() {
        return value;
    }

    /** The valid range in interval notation, e.g. {@code (0, ∞)}. */
    public String validRange() {
        return validRange;
    }
}
