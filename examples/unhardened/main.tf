# The unhardened cluster of the worked example, as Terraform: what `az aks create` with defaults gives.
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

resource "azurerm_resource_group" "shop" {
  name     = "rg-shop-dev"
  location = var.location
}

resource "azurerm_kubernetes_cluster" "shop" {
  name                = "aks-shop-dev"
  location            = azurerm_resource_group.shop.location
  resource_group_name = azurerm_resource_group.shop.name
  dns_prefix          = "shop-dev-4f2a91"
  kubernetes_version  = "1.29.9"

  http_application_routing_enabled = true

  default_node_pool {
    name       = "nodepool1"
    node_count = 3
    vm_size    = "Standard_DS2_v2"
  }

  identity {
    type = "SystemAssigned"
  }

  network_profile {
    network_plugin = "kubenet"
  }
}
