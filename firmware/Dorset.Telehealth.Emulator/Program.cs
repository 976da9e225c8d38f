using System;
using System.CommandLine;
using Dorset.Telehealth.Emulator.Commands;

// A parse error (an unknown option, a value that is not a number, a missing required option) is one line naming it
// and exit code 2, as every other refusal of the emulator is, rather than the parser's help page.
ParseResult parse = EmulatorCommandLine.Build().Parse(args);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine("emulator: " + parse.Errors[0].Message);
    return 2;
}

return parse.Invoke();
