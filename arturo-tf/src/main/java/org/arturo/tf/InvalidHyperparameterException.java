package org.arturo.tf;

/**
 * A hyperparameter was NaN, infinite, not representable as a normal float32, or outside its valid
 * range. Thrown while a configuration or schedule is built, before any graph op exists, so a bad value
 * never reaches a session. The message names the parameter as the builder (and the Kotlin DSL) spells
 * it, the value and the valid range.
 */
public final class InvalidHyperparameterException extends IllegalArgumentException {
    private final String parameter;
    private final String value;
    private final String validRange;

    public InvalidHyperparameterException(String parameter, Object value, String validRange) {
        this(parameter, value, validRange, parameter + " = " + value + " is invalid: valid range is " + validRange);
    }

    private InvalidHyperparameterException(String parameter, Object value, String validRange, String message) {
        super(message);
        this.parameter = parameter;
        this.value = String.valueOf(value);
        this.validRange = validRange;
    }

    /**
     * As {@link #InvalidHyperparameterException(String, Object, String)}, with {@code detail} (what the
     * value becomes, e.g. "it is Infinity in float32") appended to the message; null adds nothing.
     */
    public static InvalidHyperparameterException withDetail(String parameter, Object value, String validRange,
                                                            String detail) {
        String message = parameter + " = " + value + " is invalid: valid range is " + validRange;
        return new InvalidHyperparameterException(parameter, value, validRange,
                detail == null ? message : message + "; " + detail);
    }

    /**
     * {@code parameter} belongs to a component (a solver, a surrogate) other than the one in use, so
     * setting it would have no effect.
     *
     * @param owner the component it belongs to, e.g. "the KALMAN surrogate"
     * @param inUse what is in use instead, e.g. "surrogate = ADAM_MOMENTS"
     */
    public static InvalidHyperparameterException notInUse(String parameter, Object value, String owner, String inUse) {
        return new InvalidHyperparameterException(parameter, value, "only with " + owner, parameter + " = " + value
                + " has no effect: " + parameter + " belongs to " + owner + ", but " + inUse
                + "; choose that component first");
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
