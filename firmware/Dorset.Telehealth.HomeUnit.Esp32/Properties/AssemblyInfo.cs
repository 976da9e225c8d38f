using System.Reflection;

[assembly: AssemblyTitle("Dorset Telehealth home unit (ESP32)")]
[assembly: AssemblyProduct("Dorset Telehealth")]
[assembly: AssemblyVersion("1.0.0.0")]
