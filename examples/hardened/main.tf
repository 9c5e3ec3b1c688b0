# The hardened cluster of the worked example, as Terraform (azurerm 4.x), following the seeds' checklist.
terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.0"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "admin_group_object_id" {
  type    = string
  default = "4b9c2e7a-1d3f-4a6b-8c5e-0f2d7a9b1c36"
}

resource "azurerm_resource_group" "shop" {
  name     = "rg-shop-prod"
  location = var.location
}

resource "azurerm_user_assigned_identity" "aks" {
  name                = "id-aks-shop-prod"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
}

resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop-prod"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
  dns_prefix          = "shop-prod-8c1d07"
  kubernetes_version  = "1.34.2"
  sku_tier            = "Standard"

  private_cluster_enabled             = true
  private_cluster_public_fqdn_enabled = false
  run_command_enabled                 = false
  local_account_disabled              = true
  role_based_access_control_enabled   = true
  oidc_issuer_enabled                 = true
  workload_identity_enabled           = true
  azure_policy_enabled                = true
  image_cleaner_enabled               = true
  image_cleaner_interval_hours        = 168
  disk_encryption_set_id              = "/subscriptions/3f2b8c1e-7d4a-4e9b-a1c6-9e0d5f7b2a48/resourceGroups/rg-shop-prod/providers/Microsoft.Compute/diskEncryptionSets/des-shop-prod"
  automatic_upgrade_channel           = "stable"
  node_os_upgrade_channel             = "SecurityPatch"

  api_server_access_profile {
    virtual_network_integration_enabled = true
    subnet_id                           = "/subscriptions/3f2b8c1e-7d4a-4e9b-a1c6-9e0d5f7b2a48/resourceGroups/rg-shop-prod/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-apiserver"
  }

  default_node_pool {
    name                         = "system"
    vm_size                      = "Standard_D4ds_v5"
    auto_scaling_enabled         = true
    min_count                    = 3
    max_count                    = 5
    host_encryption_enabled      = true
    node_public_ip_enabled       = false
    only_critical_addons_enabled = true
    os_disk_type                 = "Ephemeral"
    os_sku                       = "AzureLinux"
    vnet_subnet_id               = "/subscriptions/3f2b8c1e-7d4a-4e9b-a1c6-9e0d5f7b2a48/resourceGroups/rg-shop-prod/providers/Microsoft.Network/virtualNetworks/vnet-shop-prod/subnets/snet-nodes"
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.aks.id]
  }

  azure_active_directory_role_based_access_control {
    azure_rbac_enabled     = true
    admin_group_object_ids = [var.admin_group_object_id]
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    network_policy      = "cilium"
    network_data_plane  = "cilium"
    outbound_type       = "userDefinedRouting"
  }

  key_vault_secrets_provider {
    secret_rotation_enabled  = true
    secret_rotation_interval = "2m"
  }

  key_management_service {
    key_vault_key_id         = "https://kv-shop-prod.vault.azure.net/keys/etcd-kms/7c2e9b1d4f6a48e3b0c5d1a2f3e4b5c6"
    key_vault_network_access = "Private"
  }

  microsoft_defender {
    log_analytics_workspace_id = "/subscriptions/3f2b8c1e-7d4a-4e9b-a1c6-9e0d5f7b2a48/resourceGroups/rg-shop-prod/providers/Microsoft.OperationalInsights/workspaces/law-shop-prod"
  }

  oms_agent {
    log_analytics_workspace_id      = "/subscriptions/3f2b8c1e-7d4a-4e9b-a1c6-9e0d5f7b2a48/resourceGroups/rg-shop-prod/providers/Microsoft.OperationalInsights/workspaces/law-shop-prod"
    msi_auth_for_monitoring_enabled = true
  }

  maintenance_window_auto_upgrade {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Sunday"
    duration    = 4
    start_time  = "01:00"
    utc_offset  = "+00:00"
  }

  maintenance_window_node_os {
    frequency   = "Weekly"
    interval    = 1
    day_of_week = "Wednesday"
    duration    = 4
    start_time  = "01:00"
    utc_offset  = "+00:00"
  }
}

resource "azurerm_kubernetes_cluster_node_pool" "apps" {
  name                    = "apps"
  kubernetes_cluster_id   = azurerm_kubernetes_cluster.shop.id
  vm_size                 = "Standard_D4ds_v5"
  mode                    = "User"
  auto_scaling_enabled    = true
  min_count               = 3
  max_count               = 10
  host_encryption_enabled = true
  node_public_ip_enabled  = false
  os_disk_type            = "Ephemeral"
  os_sku                  = "AzureLinux"
  node_labels = {
    workload = "shop"
  }
}

resource "azurerm_monitor_diagnostic_setting" "audit" {
  name                       = "audit-to-law"
  target_resource_id         = azurerm_kubernetes_cluster.shop.id
  log_analytics_workspace_id = "/subscriptions/3f2b8c1e-7d4a-4e9b-a1c6-9e0d5f7b2a48/resourceGroups/rg-shop-prod/providers/Microsoft.OperationalInsights/workspaces/law-shop-prod"

  enabled_log {
    category = "kube-audit-admin"
  }

  enabled_log {
    category = "guard"
  }
}

resource "azurerm_security_center_subscription_pricing" "containers" {
  tier          = "Standard"
  resource_type = "Containers"
}

resource "azurerm_kubernetes_cluster_deployment_safeguard" "shop" {
  kubernetes_cluster_id        = azurerm_kubernetes_cluster.shop.id
  level                        = "Enforce"
  excluded_namespaces          = ["kube-system"]
  pod_security_standards_level = "Restricted"
}
