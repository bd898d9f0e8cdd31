package org.arturo

/**
 * Compares two optimizer configurations by their `toString()` text, which is how a checkpoint records
 * them (`ArturoConfig{epsilon=0.05, ..., schedule=multiStep(gamma=0.5, milestones=[10]), solver=Exact[...]}`),
 * and names each value that differs. The text is parsed into named fields, nested through `Name{...}`,
 * `Name[...]` (records) and `name(...)` (schedules); anything else, arrays included, is compared as a
 * whole. A text that does not parse is compared as a whole too, so a difference is never missed.
 */
internal object ConfigText {
    /** One difference per line, e.g. `epsilon = 0.05 in the checkpoint, 0.06 in this model`; empty if equal. */
    fun differences(saved: String, current: String): List<String> {
        if (saved == current) return emptyList()
        val out = mutableListOf<String>()
        diff(parse(saved), parse(current), "", out)
        // Equal texts after parsing (e.g. only whitespace differs) still count: the strings are not the same.
        if (out.isEmpty()) out += "configuration = $saved in the checkpoint, $current in this model"
        return out
    }

    internal sealed class Node {
        abstract val text: String
    }

    internal class Leaf(override val text: String) : Node()

    internal class Struct(override val text: String, val head: String, val fields: LinkedHashMap<String, Node>) : Node()

    private val OPENERS = mapOf('{' to '}', '(' to ')', '[' to ']')
    private val HEAD = Regex("[A-Za-z_][A-Za-z0-9_.$]*")
    private val NAMED = Regex("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*(.*)", RegexOption.DOT_MATCHES_ALL)
    private val LABELLED = Regex("([A-Za-z_][A-Za-z0-9_]*)\\s+(.+)", RegexOption.DOT_MATCHES_ALL)

    fun parse(raw: String): Node {
        val text = raw.trim()
        val open = text.indexOfFirst { it in OPENERS }
        if (open <= 0 || !HEAD.matches(text.substring(0, open))) return Leaf(text)
        val close = OPENERS.getValue(text[open])
        if (text.last() != close || matchingClose(text, open) != text.length - 1) return Leaf(text)
        val items = splitTopLevel(text.substring(open + 1, text.length - 1)) ?: return Leaf(text)
        val fields = LinkedHashMap<String, Node>()
        items.forEachIndexed { i, item ->
            val named = NAMED.matchEntire(item) ?: LABELLED.matchEntire(item)
            val key = named?.groupValues?.get(1) ?: "[$i]"
            val value = named?.groupValues?.get(2) ?: item
            if (fields.put(key, parse(value)) != null) return Leaf(text)   // a repeated name: compare as a whole
        }
        return Struct(text, text.substring(0, open), fields)
    }

    private fun matchingClose(text: String, open: Int): Int {
        var depth = 0
        for (i in open until text.length) {
            when (text[i]) {
                '{', '(', '[' -> depth++
                '}', ')', ']' -> if (--depth == 0) return i
            }
        }
        return -1
    }

    /** The items of a comma-separated list, splitting only outside brackets; null if brackets do not balance. */
    private fun splitTopLevel(inner: String): List<String>? {
        if (inner.isBlank()) return emptyList()
        val items = mutableListOf<String>()
        var depth = 0
        var start = 0
        for ((i, c) in inner.withIndex()) {
            when (c) {
                '{', '(', '[' -> depth++
                '}', ')', ']' -> if (--depth < 0) return null
                ',' -> if (depth == 0) {
                    items += inner.substring(start, i).trim()
                    start = i + 1
                }
            }
        }
        if (depth != 0) return null
        items += inner.substring(start).trim()
        return items
    }

    private fun diff(saved: Node, current: Node, path: String, out: MutableList<String>) {
        if (saved is Struct && current is Struct && saved.head == current.head) {
            for (key in (saved.fields.keys + current.fields.keys).distinct()) {
                val name = if (path.isEmpty()) key else "$path.$key"
                val a = saved.fields[key]
                val b = current.fields[key]
                when {
                    a == null -> out += "$name is absent in the checkpoint, ${b!!.text} in this model"
                    b == null -> out += "$name = ${a.text} in the checkpoint, absent in this model"
                    else -> diff(a, b, name, out)
                }
            }
        } else if (saved.text != current.text) {
            out += "${path.ifEmpty { "configuration" }} = ${saved.text} in the checkpoint, ${current.text} in this model"
        }
    }
}
