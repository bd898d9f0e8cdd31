package org.arturo

import kotlin.properties.ReadWriteProperty
import kotlin.reflect.KProperty

// The DSL's properties are views of the core's validating builders: setting one calls the core
// setter first (which throws InvalidHyperparameterException naming the property), so a bad value
// fails at the line that set it and the block never holds a value the core has not accepted.

/** A property whose value is kept here once the core has accepted it. */
internal class CoreProperty<T>(private var value: T, private val accept: (T) -> Unit) : ReadWriteProperty<Any?, T> {
    override fun getValue(thisRef: Any?, property: KProperty<*>): T = value

    override fun setValue(thisRef: Any?, property: KProperty<*>, value: T) {
        accept(value)
        this.value = value
    }
}

/** A property read back from the core (a component's parameter changes when the component does). */
internal class CoreView<T>(private val read: () -> T, private val accept: (T) -> Unit) : ReadWriteProperty<Any?, T> {
    override fun getValue(thisRef: Any?, property: KProperty<*>): T = read()

    override fun setValue(thisRef: Any?, property: KProperty<*>, value: T) = accept(value)
}

/** `var x by setting(initial) { builder.x(it) }`. */
internal fun <T> setting(initial: T, accept: (T) -> Unit): CoreProperty<T> = CoreProperty(initial, accept)

/** `var x by view({ builder.component().x() }) { builder.x(it) }`. */
internal fun <T> view(read: () -> T, accept: (T) -> Unit): CoreView<T> = CoreView(read, accept)
