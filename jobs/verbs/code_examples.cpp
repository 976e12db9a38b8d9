#include "jobs/verbs/code_examples.h"

#include <array>
#include <utility>

namespace ffb {
namespace {

using Entry = std::pair<std::string_view, std::string_view>;

// Keyed by id so the table survives codes being added in the middle.
constexpr auto kExamples = std::to_array<Entry>({
    {"E0000", "every ok record: \"errors\": []"},
    {"E0001", "body `dup )`: a `)` with no comment open"},
    {"E0002", "body `dup ( never closed`"},
    {"E0003", "body `12x3 +`: starts like a number but is not one"},
    {"E0100", "line `{\"word\": \"sq\",`: the object is cut off"},
    {"E0101", "a line with the byte 0xFF in a string"},
    {"E0102", "a line with a NUL byte between two fields"},
    {"E0103", "a line of 20 MB with the default --max-line-bytes"},
    {"E0104", "line `[1, 2, 3]`: an array, not an object"},
    {"E0105", "line `{\"word\": \"sq\"} {}`"},
    {"E0106", "line `{\"word\": \"a\", \"word\": \"b\"}`"},
    {"E0107", "test input 9223372036854775808 for an int slot"},
    {"E0108", "`\"test_cases\": {}`: an object where an array belongs"},
    {"E0109", "test input 1.5 for an int slot"},
    {"E1000", "body `dup sqaure`: no word `sqaure` (did you mean `square`?)"},
    {"E1001", "two lines both defining `\"word\": \"sq\"`"},
    {"E1002", "line 2 calls `bad`, whose own spec (line 1) failed with E2234"},
    {"E1003", "`\"code\": \": sq dup * ;\"`: the fix is `dup *`"},
    {"E1004", "line 3 calls `dbl`, which is defined on line 7: a body may call only earlier words"},
    {"E1100", "a spec without \"stack_effect\""},
    {"E1101", "`\"word\": \"\"`"},
    {"E1102", "a word name of 65 characters"},
    {"E1103", "`\"word\": \"sq(x)\"`"},
    {"E1104", "`\"word\": \"dup\"`: a builtin"},
    {"E1110", "`{\"name\": \"n\", \"type\": \"float\"}`"},
    {"W1111", "`\"stack_effect\": \"( -- )\"`"},
    {"E1112", "an effect with 65 inputs"},
    {"E1113", "`\"stack_effect\": \"( n n -- m )\"`: `n` twice"},
    {"E1120", "input constraint `n >=`"},
    {"E1121", "input constraint `k > 0` when the inputs are ( n )"},
    {"E1122", "constraint `n >= 0` and a test with input -1"},
    {"E1130", "effect ( a b -- c ) and a test with `\"input\": [1]`"},
    {"E1131", "effect ( n -- m ) and a test with `\"output\": [1, 2]`"},
    {"E1132", "a bool slot and a test value 7"},
    {"E1133", "an addr input in a test case"},
    {"E1134", "`\"tags\": [\"bse_case\"]`"},
    {"E1135", "a spec with 10001 test cases"},
    {"E1136", "a test with more values than 64 stack slots"},
    {"E1140", "`\"metadata\": {\"version\": \"1.2\"}`"},
    {"E1141", "`\"metadata\": {\"created\": \"yesterday\"}`"},
    {"W1150", "`\"tests\": [...]` (did you mean `test_cases`?)"},
    {"E1160", "--strict and no \"description\""},
    {"E1161", "--strict and no \"properties\""},
    {"E1162", "--strict and no \"test_cases\""},
    {"E1163", "--strict and no test tagged base_case"},
    {"E1170", "no \"implementation\" and a description no heuristic recognises"},
    {"E1171", "`\"implementation\": {\"pattern\": \"NO_SUCH_001\"}`"},
    {"E1172", "pattern `{OP}` used without \"variables\": {\"OP\": ...}"},
    {"E1173", "a pattern whose template uses `f+` (floating point)"},
    {"E1174", "`\"stack_effect\": \"n -- m\"`: no parentheses"},
    {"E2000", "`verify \"+\" \"( a -- b )\"`: `+` needs two cells, the body has one"},
    {"E2001", "a body that pushes more than the depth limit, e.g. 300 `dup`s"},
    {"E2234", "`verify \"dup dup *\" \"( n -- m )\"`: inferred ( a -- a b ), declared ( n -- m )"},
    {"E2235", "body `if 1 2 else 3 then`: one arm leaves two cells, the other one"},
    {"E2236", "body `begin dup 0= until`: each iteration leaves one more cell"},
    {"W2237", "verify of a long broken body: the fix search ran out of budget"},
    {"W2238", "`verify \"+\" \"( x a b -- x c )\"`: x passes through"},
    {"E2300", "`verify \"0=\" \"( n -- m:int )\"`: a flag where an int is declared"},
    {"W2301", "`verify \"1 +\" \"( n -- f:bool )\"`: bool output from arithmetic"},
    {"W2302", "body `0= 1 +`: arithmetic on a flag"},
    {"E2500", "body `execute`: no static effect"},
    {"E2501", "body `>r`: the return stack is left unbalanced"},
    {"E2502", "body `10 0 do r> drop loop`: reaches into the loop frame"},
    {"E3000", "body `0< if negate`"},
    {"E3001", "body `negate then`"},
    {"E3002", "body `else 1`"},
    {"E3010", "body `10 0 do i`"},
    {"E3011", "body `i loop`"},
    {"E3012", "body `i 1 +` outside any do loop"},
    {"E3020", "body `begin 1 -`"},
    {"E3021", "body `1 - until`"},
    {"E3030", "`recurse` where no definition is open"},
    {"E4000", "body `dup +` declared ( n -- n*n ), test input 3 expects 9, got 6"},
    {"E4001", "a test whose run leaves a different number of cells than expected"},
    {"E4002", "body `/` with a test dividing by 0"},
    {"E4003", "body `begin 0 until` with a test: it never stops"},
    {"E4004", "body `begin dup 0 until` (the data stack fills up)"},
    {"E4005", "a test that pushes to the return stack beyond its limit"},
    {"E4006", "body `recurse` with no base case"},
    {"W4007", "a spec without \"test_cases\" (under --strict it is E1162)"},
    {"E5000", "a body the native compiler cannot emit (its message says why)"},
    {"E9000", "a bug in ffbatch: please report the line"},
    {"E9001", "native code and the interpreter gave different results: a bug, please report"},
});

}  // namespace

std::string_view CodeExample(std::string_view id) {
  for (const Entry& e : kExamples) {
    if (e.first == id) return e.second;
  }
  return {};
}

}  // namespace ffb
