// A small JSON reader for the golden trajectory files: objects, arrays, numbers, strings, booleans
// and null, enough to replay them; numbers are read as double.
#ifndef ARTURO_JSON_LITE_H
#define ARTURO_JSON_LITE_H

#include <cstdlib>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace json {

struct Value {
    enum Kind { NUL, BOOL, NUMBER, STRING, ARRAY, OBJECT } kind = NUL;
    double number = 0;
    bool boolean = false;
    std::string string;
    std::vector<Value> array;
    std::map<std::string, Value> object;

    const Value& operator[](const std::string& key) const {
        auto it = object.find(key);
        if (kind != OBJECT || it == object.end()) throw std::runtime_error("missing key '" + key + "'");
        return it->second;
    }
    const Value& operator[](size_t i) const {
        if (kind != ARRAY || i >= array.size()) throw std::runtime_error("index out of range");
        return array[i];
    }
    bool has(const std::string& key) const { return kind == OBJECT && object.count(key) > 0; }
    size_t size() const { return array.size(); }
};

class Parser {
public:
    explicit Parser(const std::string& text) : s_(text) {}

    Value parse() {
        Value v = value();
        skip();
        if (i_ != s_.size()) fail("trailing characters");
        return v;
    }

private:
    const std::string& s_;
    size_t i_ = 0;

    [[noreturn]] void fail(const std::string& why) {
        throw std::runtime_error("JSON: " + why + " at offset " + std::to_string(i_));
    }
    void skip() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) i_++;
    }
    bool consume(char c) {
        skip();
        if (i_ < s_.size() && s_[i_] == c) { i_++; return true; }
        return false;
    }
    void expect(char c) {
        if (!consume(c)) fail(std::string("expected '") + c + "'");
    }
    std::string text() {
        expect('"');
        std::string out;
        while (i_ < s_.size() && s_[i_] != '"') {
            if (s_[i_] == '\\') {
                i_++;
                if (i_ >= s_.size()) fail("bad escape");
                char e = s_[i_];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e;  // \uXXXX is not used by the golden files
            } else {
                out += s_[i_];
            }
            i_++;
        }
        expect('"');
        return out;
    }
    Value value() {
        skip();
        if (i_ >= s_.size()) fail("unexpected end");
        Value v;
        char c = s_[i_];
        if (c == '{') {
            i_++;
            v.kind = Value::OBJECT;
            if (consume('}')) return v;
            do {
                std::string key = text();
                expect(':');
                v.object[key] = value();
            } while (consume(','));
            expect('}');
        } else if (c == '[') {
            i_++;
            v.kind = Value::ARRAY;
            if (consume(']')) return v;
            do {
                v.array.push_back(value());
            } while (consume(','));
            expect(']');
        } else if (c == '"') {
            v.kind = Value::STRING;
            v.string = text();
        } else if (s_.compare(i_, 4, "true") == 0) {
            v.kind = Value::BOOL; v.boolean = true; i_ += 4;
        } else if (s_.compare(i_, 5, "false") == 0) {
            v.kind = Value::BOOL; i_ += 5;
        } else if (s_.compare(i_, 4, "null") == 0) {
            i_ += 4;
        } else if (s_.compare(i_, 3, "NaN") == 0) {
            v.kind = Value::NUMBER; v.number = std::strtod("nan", nullptr); i_ += 3;
        } else {
            const char* start = s_.c_str() + i_;
            char* end = nullptr;
            v.kind = Value::NUMBER;
            v.number = std::strtod(start, &end);
            if (end == start) fail("bad value");
            i_ += static_cast<size_t>(end - start);
        }
        return v;
    }
};

inline Value parse(const std::string& text) { return Parser(text).parse(); }

}  // namespace json

#endif
