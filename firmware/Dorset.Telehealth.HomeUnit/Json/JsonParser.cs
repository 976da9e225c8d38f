using System.Collections;
using System.Text;

namespace Dorset.Telehealth.HomeUnit.Json
{
    /// <summary>
    /// A small strict JSON (RFC 8259) parser for the unit's config file and the gateway's retained config topic.
    /// Objects become <see cref="Hashtable"/>, arrays <see cref="ArrayList"/>, numbers <see cref="long"/> (or
    /// <see cref="double"/> when they have a fraction or exponent), strings, booleans and null. nanoFramework's own JSON
    /// package is reflection-based; this one allocates only the result and needs nothing beyond the core library.
    /// </summary>
    public sealed class JsonParser
    {
        private const int MaxDepth = 16;
        private readonly string text;
        private int position;

        private JsonParser(string text)
        {
            this.text = text;
        }

        /// <summary>Parses a whole document, or returns false with a reason naming the position.</summary>
        public static bool TryParse(string text, out object value, out string error)
        {
            value = null;
            error = null;
            if (text == null)
            {
                error = "no JSON text";
                return false;
            }

            var parser = new JsonParser(text);
            try
            {
                value = parser.ParseValue(0);
                parser.SkipWhitespace();
                if (parser.position != text.Length)
                {
                    throw new JsonSyntaxException("unexpected text after the value", parser.position);
                }

                return true;
            }
            catch (JsonSyntaxException ex)
            {
                value = null;
                error = ex.Message;
                return false;
            }
        }

        private object ParseValue(int depth)
        {
            if (depth > MaxDepth)
            {
                throw new JsonSyntaxException("nested deeper than " + MaxDepth, position);
            }

            SkipWhitespace();
            char c = Peek();
            switch (c)
            {
                case '{':
                    return ParseObject(depth);
                case '[':
                    return ParseArray(depth);
                case '"':
                    return ParseString();
                case 't':
                    Expect("true");
                    return true;
                case 'f':
                    Expect("false");
                    return false;
                case 'n':
                    Expect("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw new JsonSyntaxException("unexpected character '" + c + "'", position);
            }
        }

        private Hashtable ParseObject(int depth)
        {
            var result = new Hashtable();
            position++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                position++;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new JsonSyntaxException("expected a property name", position);
                }

                string name = ParseString();
                SkipWhitespace();
                ExpectChar(':');
                result[name] = ParseValue(depth + 1);
                SkipWhitespace();
                char next = Peek();
                position++;
                if (next == '}')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw new JsonSyntaxException("expected ',' or '}'", position - 1);
                }
            }
        }

        private ArrayList ParseArray(int depth)
        {
            var result = new ArrayList();
            position++;
            SkipWhitespace();
            if (Peek() == ']')
            {
                position++;
                return result;
            }

            while (true)
            {
                result.Add(ParseValue(depth + 1));
                SkipWhitespace();
                char next = Peek();
                position++;
                if (next == ']')
                {
                    return result;
                }

                if (next != ',')
                {
                    throw new JsonSyntaxException("expected ',' or ']'", position - 1);
                }
            }
        }

        private string ParseString()
        {
            position++;
            var builder = new StringBuilder();
            while (true)
            {
                char c = Peek();
                position++;
                if (c == '"')
                {
                    return builder.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonSyntaxException("control character in a string", position - 1);
                }

                if (c != '\\')
                {
                    builder.Append(c);
                    continue;
                }

                char escape = Peek();
                position++;
                switch (escape)
                {
                    case '"': builder.Append('"'); break;
                    case '\\': builder.Append('\\'); break;
                    case '/': builder.Append('/'); break;
                    case 'b': builder.Append('\b'); break;
                    case 'f': builder.Append('\f'); break;
                    case 'n': builder.Append('\n'); break;
                    case 'r': builder.Append('\r'); break;
                    case 't': builder.Append('\t'); break;
                    case 'u': builder.Append(ParseUnicodeEscape()); break;
                    default: throw new JsonSyntaxException("unknown escape '\\" + escape + "'", position - 1);
                }
            }
        }

        private char ParseUnicodeEscape()
        {
            int code = 0;
            for (int i = 0; i < 4; i++)
            {
                char h = Peek();
                position++;
                int digit = h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1;
                if (digit < 0)
                {
                    throw new JsonSyntaxException("bad \\u escape", position - 1);
                }

                code = (code * 16) + digit;
            }

            return (char)code;
        }

        private object ParseNumber()
        {
            int start = position;
            if (Peek() == '-')
            {
                position++;
            }

            bool integral = true;
            int digits = 0;
            while (position < text.Length)
            {
                char c = text[position];
                if (c >= '0' && c <= '9')
                {
                    digits++;
                }
                else if (c == '.' || c == 'e' || c == 'E' || c == '+' || (c == '-' && position > start))
                {
                    integral = false;
                }
                else
                {
                    break;
                }

                position++;
            }

            string number = text.Substring(start, position - start);
            if (digits == 0)
            {
                throw new JsonSyntaxException("malformed number", start);
            }

            try
            {
                if (integral && digits <= 18)
                {
                    return long.Parse(number);
                }

                return double.Parse(number);
            }
            catch (System.Exception)
            {
                throw new JsonSyntaxException("malformed number '" + number + "'", start);
            }
        }

        private void Expect(string word)
        {
            if (position + word.Length > text.Length || text.Substring(position, word.Length) != word)
            {
                throw new JsonSyntaxException("expected '" + word + "'", position);
            }

            position += word.Length;
        }

        private void ExpectChar(char c)
        {
            if (Peek() != c)
            {
                throw new JsonSyntaxException("expected '" + c + "'", position);
            }

            position++;
        }

        private char Peek()
        {
            if (position >= text.Length)
            {
                throw new JsonSyntaxException("unexpected end", position);
            }

            return text[position];
        }

        private void SkipWhitespace()
        {
            while (position < text.Length && (text[position] == ' ' || text[position] == '\t' || text[position] == '\n' || text[position] == '\r'))
            {
                position++;
            }
        }
    }
}
