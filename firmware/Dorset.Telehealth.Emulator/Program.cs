using Dorset.Telehealth.Emulator.Commands;

return EmulatorCommandLine.Build().Parse(args).Invoke();
