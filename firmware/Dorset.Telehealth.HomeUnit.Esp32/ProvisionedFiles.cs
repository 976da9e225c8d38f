using Dorset.Telehealth.HomeUnit.Storage;

namespace Dorset.Telehealth.HomeUnit.Esp32
{
    /// <summary>
    /// The unit config and hub CA are embedded in the app image at provisioning (hardware/FLASHING.md step 6). On the
    /// first boot they are written to internal flash, where they stay across later app updates that carry none.
    /// </summary>
    public static class ProvisionedFiles
    {
        /// <summary>The config file name on flash.</summary>
        public const string ConfigFile = "unit-config.json";

        /// <summary>Copies the embedded files to flash when flash has none yet.</summary>
        public static void InstallOnFirstBoot(IFlashStorage flash)
        {
            Install(flash, ConfigFile, Resources.GetBytes(Resources.BinaryResources.unit_config));
            Install(flash, "hub-ca.pem", Resources.GetBytes(Resources.BinaryResources.hub_ca));
        }

        private static void Install(IFlashStorage flash, string name, byte[] embedded)
        {
            if (!flash.Exists(name) && embedded != null && embedded.Length > 0)
            {
                AtomicFile.Replace(flash, name, embedded);
            }
        }
    }
}
